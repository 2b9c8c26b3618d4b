import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { threadPath } from "~/boards/format";
import { renderPostMarkdown } from "~/boards/markdown.server";
import { MODERATION_REASONS, REASON_LABELS, SUSPENSION_DAYS, ZModeratePost, type TModeratePost } from "~/boards/moderation-schemas";
import { approvePost, hidePost, moderationQueue, rejectPending, requireModerator, resolveReports, restorePost, suspendUser, unsuspendUser, type ModerationResult } from "~/boards/moderation.server";
import { FormMessage } from "~/components/forms";
import { formatDate } from "~/components/status-badge";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, safeRedirect, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Moderation · Passage message boards" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireModerator(request);
  const queue = await moderationQueue(user);
  invariantResponse(queue, "We could not find that page.");
  const rendered = <P extends { body: string }>({ body, ...post }: P) => ({ ...post, html: renderPostMarkdown(body) });
  return json({
    pendingThreads: queue.pendingThreads.map(rendered),
    pendingReplies: queue.pendingReplies.map(rendered),
    reports: queue.reports.map((r) => ({ ...r, post: rendered(r.post) })),
    hidden: queue.hidden.map(rendered),
    suspended: queue.suspended,
  });
}

function moderate(user: SessionUser, value: TModeratePost, actor: AuditActor): Promise<ModerationResult> {
  switch (value.intent) {
    case "approve":
      return approvePost(user, value.postId, actor);
    case "reject":
      return rejectPending(user, value.postId, value.reason, actor);
    case "hide":
      return hidePost(user, value.postId, value.reason, actor);
    case "restore":
      return restorePost(user, value.postId, actor);
    case "resolve":
      return resolveReports(user, value.postId, value.resolution, actor);
    case "suspend":
      return suspendUser(user, value.userId, { days: value.days, reason: value.reason }, actor);
    case "unsuspend":
      return unsuspendUser(user, value.userId, actor);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireModerator(request);
  const parsed = parseForm(await readForm(request), ZModeratePost);
  if (!parsed.ok) return parsed.response;
  const result = await moderate(user, parsed.value, auditActor(user, request));
  if (!result.ok) return rejectForm(parsed.submission, { message: result.message }, result.status);
  // Forms on a thread page come back to it; the queue shows the outcome in place.
  if (parsed.value.redirectTo) return redirect(safeRedirect(parsed.value.redirectTo, "/boards/moderation"));
  return json({ result: parsed.submission.reply({ resetForm: true }), message: result.message });
}

type QueuePost = SerializeFrom<typeof loader>["hidden"][number];

function ReasonSelect({ id }: { id: string }) {
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        Reason
      </label>
      <select id={id} name="reason" required defaultValue="">
        <option value="" disabled>
          Reason…
        </option>
        {MODERATION_REASONS.map((r) => (
          <option key={r} value={r}>
            {REASON_LABELS[r]}
          </option>
        ))}
      </select>
    </>
  );
}

function PostActions({ post }: { post: QueuePost }) {
  return (
    <div className="toolbar">
      {post.state === "PENDING" ? (
        <>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="postId" value={post.id} />
            <button type="submit" className="button button-small">
              Approve
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="reject" />
            <input type="hidden" name="postId" value={post.id} />
            <ReasonSelect id={`reject-reason-${post.id}`} />{" "}
            <button type="submit" className="button button-small button-secondary">
              Reject
            </button>
          </Form>
        </>
      ) : post.state === "PUBLISHED" ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="hide" />
          <input type="hidden" name="postId" value={post.id} />
          <ReasonSelect id={`hide-reason-${post.id}`} />{" "}
          <button type="submit" className="button button-small button-secondary">
            Hide
          </button>
        </Form>
      ) : (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="restore" />
          <input type="hidden" name="postId" value={post.id} />
          <button type="submit" className="button button-small button-secondary">
            Restore
          </button>
        </Form>
      )}
    </div>
  );
}

function AuthorLine({ author }: { author: QueuePost["author"] }) {
  return (
    <div className="toolbar">
      <span>
        By <strong>{author.name}</strong>
        {author.moderator ? " (moderator)" : ""}
        {author.suspendedUntil ? ` · suspended until ${formatDate(author.suspendedUntil)}` : ""}
      </span>
      {author.canSuspend && !author.suspendedUntil ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="suspend" />
          <input type="hidden" name="userId" value={author.id} />
          <label className="sr-only" htmlFor={`days-${author.id}`}>
            Suspend for
          </label>
          <select id={`days-${author.id}`} name="days" defaultValue="7">
            {SUSPENSION_DAYS.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? "1 day" : `${d} days`}
              </option>
            ))}
          </select>{" "}
          <ReasonSelect id={`suspend-reason-${author.id}`} />{" "}
          <button type="submit" className="button button-small button-secondary">
            Suspend from posting
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function QueuedPost({ post, children }: { post: QueuePost; children?: ReactNode }) {
  return (
    <li className={`post post-${post.state.toLowerCase()}`}>
      <header>
        <Link to={`${threadPath(post.thread)}#post-${post.number}`}>{post.thread.title}</Link>{" "}
        <span className="hint">
          #{post.number} · {post.thread.category.name} · {formatDate(post.createdAt)}
          {post.thread.locked ? " · locked" : ""}
          {post.state === "HIDDEN" ? ` · hidden${post.hiddenReason ? `: ${post.hiddenReason}` : ""}` : ""}
        </span>
      </header>
      <AuthorLine author={post.author} />
      <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      {children}
      <PostActions post={post} />
    </li>
  );
}

/** A card listing posts for moderation: pending threads, pending replies, hidden posts. */
function PostList({ id, title, posts, empty }: { id: string; title: string; posts: QueuePost[]; empty: string }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {posts.length === 0 ? <p>{empty}</p> : null}
      <ol className="posts">
        {posts.map((post) => (
          <QueuedPost key={post.id} post={post} />
        ))}
      </ol>
    </section>
  );
}

export default function Moderation() {
  const { pendingThreads, pendingReplies, reports, hidden, suspended } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const errors = actionData?.result.error ? Object.values(actionData.result.error).flatMap((e) => e ?? []) : undefined;
  return (
    <section className="stack" aria-labelledby="moderation-title">
      <p>
        <Link to="/boards">Message boards</Link> ›
      </p>
      <h1 id="moderation-title">Moderation</h1>
      <FormMessage errors={errors} success={actionData?.message} />

      <PostList id="pending-threads-title" title={`New threads awaiting approval (${pendingThreads.length})`} posts={pendingThreads} empty="Nothing waiting." />
      <PostList id="pending-replies-title" title={`Replies awaiting approval (${pendingReplies.length})`} posts={pendingReplies} empty="Nothing waiting." />

      <section className="card" aria-labelledby="reports-title">
        <h2 id="reports-title">Reported posts ({reports.length})</h2>
        {reports.length === 0 ? <p>No open reports.</p> : null}
        <ol className="posts">
          {reports.map((report) => (
            <QueuedPost key={report.post.id} post={report.post}>
              <div className="notice notice-info">
                <p>
                  {report.count === 1 ? "1 report" : `${report.count} reports`} since {formatDate(report.firstReportedAt)}:{" "}
                  {report.reasons.map((r) => `${r.label}${r.count > 1 ? ` (${r.count})` : ""}`).join(", ")}
                </p>
                {report.details.length > 0 ? (
                  <ul>
                    {report.details.map((detail, index) => (
                      <li key={index}>{detail}</li>
                    ))}
                  </ul>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="resolve" />
                  <input type="hidden" name="postId" value={report.post.id} />
                  <input type="hidden" name="resolution" value="no-action" />
                  <button type="submit" className="button button-small button-secondary">
                    Dismiss reports
                  </button>
                </Form>
              </div>
            </QueuedPost>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="suspended-title">
        <h2 id="suspended-title">Suspended members ({suspended.length})</h2>
        {suspended.length === 0 ? <p>No one is suspended.</p> : null}
        <ul>
          {suspended.map((member) => (
            <li key={member.id}>
              <strong>{member.name}</strong> until {formatDate(member.suspendedUntil)}
              {member.reason ? ` (${member.reason})` : ""}{" "}
              {member.canSuspend ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="unsuspend" />
                  <input type="hidden" name="userId" value={member.id} />
                  <button type="submit" className="button button-small button-secondary">
                    Lift suspension
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <PostList id="hidden-title" title="Recent hidden posts" posts={hidden} empty="No hidden posts." />
    </section>
  );
}
