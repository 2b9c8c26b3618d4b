import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { BoardsNotice } from "~/boards/compose";
import { getCategory, listThreads } from "~/boards/boards.server";
import { SORTS, threadPath, type ThreadSort } from "~/boards/format";
import { formatDate } from "~/components/status-badge";
import { getEnv } from "~/env.server";
import { invariantResponse } from "~/utils/http.server";

const SORT_LABELS: Record<ThreadSort, string> = { activity: "Latest activity", newest: "Newest", unanswered: "Unanswered" };

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.category.name}${data.page > 1 ? ` (page ${data.page})` : ""} · Passage message boards` },
        { name: "description", content: data.category.description },
        { tagName: "link", rel: "canonical", href: data.canonical },
      ]
    : [{ title: "Board not found · Passage" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public: anyone reads the boards.
  await getSessionUser(request);
  const category = await getCategory(params.category ?? "");
  invariantResponse(category, "We could not find that board.");
  const url = new URL(request.url);
  const sort = (SORTS as readonly string[]).includes(url.searchParams.get("sort") ?? "") ? (url.searchParams.get("sort") as ThreadSort) : "activity";
  const page = Math.min(Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1)), 10_000);
  const list = await listThreads(category.id, { sort, page });
  invariantResponse(page <= list.pageCount, "There is no such page.");
  const canonical = new URL(`/boards/${category.slug}`, getEnv().APP_URL);
  if (sort !== "activity") canonical.searchParams.set("sort", sort);
  if (page > 1) canonical.searchParams.set("page", String(page));
  return json({ category, sort, page, ...list, canonical: canonical.toString() });
}

export default function BoardCategory() {
  const { category, sort, page, threads, pageCount, total } = useLoaderData<typeof loader>();
  const link = (p: number, s: ThreadSort = sort) => `/boards/${category.slug}?${new URLSearchParams({ ...(s !== "activity" ? { sort: s } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  return (
    <section className="card" aria-labelledby="category-title">
      <p>
        <Link to="/boards">Message boards</Link> ›
      </p>
      <h1 id="category-title">{category.name}</h1>
      <p>{category.description}</p>
      <BoardsNotice />
      <p>
        <Link to={`/boards/${category.slug}/new`} className="button">
          Start a thread
        </Link>
      </p>
      <nav aria-label="Sort threads" className="sort-tabs">
        {SORTS.map((s) => (
          <span key={s}>
            {s === sort ? <strong aria-current="true">{SORT_LABELS[s]}</strong> : <Link to={link(1, s)}>{SORT_LABELS[s]}</Link>}{" "}
          </span>
        ))}
      </nav>
      {threads.length === 0 ? <p>No threads here yet.</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Thread</th>
            <th scope="col">Replies</th>
            <th scope="col">Latest</th>
          </tr>
        </thead>
        <tbody>
          {threads.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={threadPath(t)}>{t.title}</Link>
                {t.locked ? <span className="category"> locked</span> : null}
                <br />
                <span className="hint">
                  by {t.author.name}
                  {t.author.attorney ? <span className="badge badge-attorney">Attorney</span> : null} · {formatDate(t.createdAt)}
                </span>
              </td>
              <td>{t.replyCount}</td>
              <td>{formatDate(t.lastPostAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="pagination">
        {page > 1 ? <Link to={link(page - 1)} rel="prev">← Newer</Link> : null} <span>
          Page {page} of {pageCount} ({total.toLocaleString("en-US")} threads)
        </span>{" "}
        {page < pageCount ? <Link to={link(page + 1)} rel="next">Older →</Link> : null}
      </nav>
    </section>
  );
}
