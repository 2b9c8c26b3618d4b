import { useMatches } from "@remix-run/react";

/**
 * The navigation's unread count. The root loader counts in parallel with the page's loaders, so on a thread page
 * (whose loader marks the thread read) the root's figure is from just before; that page returns a fresh
 * `unreadMessagesTotal`, which wins.
 */
export function useUnreadMessages(rootCount: number) {
  const fresh = useMatches()
    .map((match) => (match.data as { unreadMessagesTotal?: unknown } | undefined)?.unreadMessagesTotal)
    .filter((value): value is number => typeof value === "number");
  return fresh.at(-1) ?? rootCount;
}
