import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { searchBoards } from "~/boards/boards.server";
import { threadPath, THREADS_PER_PAGE } from "~/boards/format";
import { ZBoardSearch } from "~/boards/schemas";
import { formatDate } from "~/components/status-badge";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” · Search the message boards · Passage` : "Search the message boards · Passage" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: anyone searches the boards.
  await getSessionUser(request);
  const { q, page } = ZBoardSearch.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { hits, total } = await searchBoards(q, page);
  return json({ q, page, hits, total, pageCount: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)) });
}

/** Search snippets mark matches with « »; show them as <mark> without trusting any HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(«[^»]*»)/);
  return (
    <>
      {parts.map((part, i) => (part.startsWith("«") && part.endsWith("»") ? <mark key={i}>{part.slice(1, -1)}</mark> : <span key={i}>{part}</span>))}
    </>
  );
}

export default function BoardSearch() {
  const { q, page, hits, total, pageCount } = useLoaderData<typeof loader>();
  const link = (p: number) => `/boards/search?${new URLSearchParams({ q, ...(p > 1 ? { page: String(p) } : {}) })}`;
  return (
    <section className="card" aria-labelledby="search-title">
      <p>
        <Link to="/boards">Message boards</Link> ›
      </p>
      <h1 id="search-title">Search the message boards</h1>
      <Form method="get" role="search">
        <label htmlFor="board-q">Words to look for</label> <input id="board-q" name="q" type="search" defaultValue={q} maxLength={200} />{" "}
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {q ? <p>{total === 0 ? "No threads match." : `${total.toLocaleString("en-US")} thread${total === 1 ? "" : "s"} match.`}</p> : null}
      <ol className="search-results">
        {hits.map((hit) => (
          <li key={hit.threadId}>
            <Link to={threadPath({ id: hit.threadId, slug: hit.slug })}>{hit.title}</Link> <span className="hint">in {hit.category} · {formatDate(hit.lastPostAt)}</span>
            <p>
              <Snippet text={hit.snippet} />
            </p>
          </li>
        ))}
      </ol>
      {pageCount > 1 ? (
        <nav aria-label="Pages" className="pagination">
          {page > 1 ? <Link to={link(page - 1)}>← Previous</Link> : null} <span>Page {page} of {pageCount}</span>{" "}
          {page < pageCount ? <Link to={link(page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
