import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { boardViewer, postHistory } from "~/boards/boards.server";
import { threadPath } from "~/boards/format";
import { renderPostMarkdown } from "~/boards/markdown.server";
import { formatDate } from "~/components/status-badge";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Post history · Passage" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public for published posts, like the posts themselves.
  const user = await getSessionUser(request);
  const post = await postHistory(params.postId ?? "", await boardViewer(user));
  invariantResponse(post, "We could not find that post.");
  return json({
    thread: post.thread,
    number: post.number,
    author: post.author,
    current: { html: renderPostMarkdown(post.body), at: post.editedAt ?? post.createdAt },
    revisions: post.revisions.map((r) => ({ id: r.id, at: r.createdAt, html: renderPostMarkdown(r.body) })),
  });
}

export default function PostHistory() {
  const { thread, number, author, current, revisions } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="history-title">
      <p>
        <Link to={`${threadPath(thread)}#post-${number}`}>{thread.title}</Link> ›
      </p>
      <h1 id="history-title">
        History of post #{number} by {author.name}
      </h1>
      <h2>Current text (since {formatDate(current.at)})</h2>
      <div className="post-body" dangerouslySetInnerHTML={{ __html: current.html }} />
      {revisions.map((r, i) => (
        <div key={r.id}>
          <h2>{i === revisions.length - 1 ? "Original text" : "Earlier text"} (replaced {formatDate(r.at)})</h2>
          <div className="post-body" dangerouslySetInnerHTML={{ __html: r.html }} />
        </div>
      ))}
    </section>
  );
}
