import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { BoardsNotice } from "~/boards/compose";
import { boardViewer, isModerator, listCategories } from "~/boards/boards.server";
import { formatDate } from "~/components/status-badge";
import { getEnv } from "~/env.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Immigration message boards · Passage" },
  { name: "description", content: "Ask and answer questions about family petitions, work visas, green cards, citizenship and asylum. Free to read; free to post after registering." },
  ...(data ? [{ tagName: "link", rel: "canonical", href: data.canonical }] : []),
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: anyone reads the boards.
  const viewer = await boardViewer(await getSessionUser(request));
  return json({ categories: await listCategories(), canonical: new URL("/boards", getEnv().APP_URL).toString(), moderator: isModerator(viewer), member: Boolean(viewer) });
}

export default function Boards() {
  const { categories, moderator, member } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="boards-title">
      <h1 id="boards-title">Message boards</h1>
      <BoardsNotice />
      {member || moderator ? (
        <p>
          {member ? <Link to="/settings/board-profile">Choose the name on your posts</Link> : null}
          {member && moderator ? " · " : null}
          {moderator ? <Link to="/boards/moderation">Moderation queue</Link> : null}
        </p>
      ) : null}
      <Form method="get" action="/boards/search" role="search" className="board-search">
        <label htmlFor="board-q">Search the boards</label> <input id="board-q" name="q" type="search" maxLength={200} />{" "}
        <button type="submit" className="button secondary">
          Search
        </button>
      </Form>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Board</th>
            <th scope="col">Threads</th>
            <th scope="col">Posts</th>
            <th scope="col">Latest</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/boards/${c.slug}`}>
                  <strong>{c.name}</strong>
                </Link>
                <br />
                <span className="hint">{c.description}</span>
              </td>
              <td>{c.threads.toLocaleString("en-US")}</td>
              <td>{c.posts.toLocaleString("en-US")}</td>
              <td>{c.lastPostAt ? formatDate(c.lastPostAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
