/** Board helpers shared by the server and the browser. */
export const THREADS_PER_PAGE = 25;
export const POSTS_PER_PAGE = 20;

/** The public name of a member: their chosen board name, else first name and last initial. */
export function displayName(author: { name: string; boardName: string | null }) {
  if (author.boardName) return author.boardName;
  const parts = author.name.trim().split(/\s+/);
  return parts.length > 1 ? `${parts[0]} ${parts.at(-1)![0]}.` : (parts[0] ?? "Member");
}

export function slugify(title: string) {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "thread";
}

export const threadPath = (thread: { id: string; slug: string }, page = 1) => `/boards/t/${thread.id}/${thread.slug}${page > 1 ? `?page=${page}` : ""}`;

export const SORTS = ["activity", "newest", "unanswered"] as const;
export type ThreadSort = (typeof SORTS)[number];
