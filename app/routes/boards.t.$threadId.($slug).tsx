import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { getSessionUser, requireVerifiedUser } from "~/auth/session.server";
import { boardViewer, getThread, isModerator, replyToThread, setFollow } from "~/boards/boards.server";
import { POSTS_PER_PAGE, threadPath } from "~/boards/format";
import { BoardsNotice, Honeypot, PiiChoiceButtons, PiiReviewPanel, type PiiReview } from "~/boards/compose";
import { postExcerpt } from "~/boards/markdown.server";
import { MODERATION_REASONS, REASON_LABELS } from "~/boards/moderation-schemas";
import { ZFollowThread, ZReply } from "~/boards/schemas";
import { ErrorList, FormMessage } from "~/components/forms";
import { formatDate } from "~/components/status-badge";
import { getEnv } from "~/env.server";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.thread.title}${data.page > 1 ? ` (page ${data.page})` : ""} · ${data.thread.category.name} · Passage` },
        { name: "description", content: data.description },
        { tagName: "link", rel: "canonical", href: data.canonical },
        ...(data.thread.state !== "PUBLISHED" ? [{ name: "robots", content: "noindex" }] : []),
      ]
    : [{ title: "Thread not found · Passage" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public: anyone reads the boards; signed-in members also see their own posts awaiting review.
  const user = await getSessionUser(request);
  const viewer = await boardViewer(user);
  const url = new URL(request.url);
  const page = Math.min(Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1)), 100_000);
  const found = await getThread(params.threadId ?? "", viewer, page);
  invariantResponse(found, "We could not find that thread.");
  // One address per thread page, so search engines see no duplicates.
  if (params.slug !== found.thread.slug) throw redirect(`${threadPath(found.thread, page)}${url.search.includes("quote=") ? `${page > 1 ? "&" : "?"}quote=${url.searchParams.get("quote")}` : ""}`, 301);
  invariantResponse(page <= found.pageCount, "There is no such page.");

  const quoteId = url.searchParams.get("quote");
  const quoted = quoteId ? found.posts.find((p) => p.id === quoteId && p.state === "PUBLISHED") : undefined;
  const quoteText = quoted ? `> **${quoted.author.name}** wrote:\n${quoted.body.split("\n").map((line) => `> ${line}`).join("\n")}\n\n` : "";
  const numbers = new Map(found.posts.map((p) => [p.id, p.number]));
  const first = found.posts.find((p) => p.number === 1);
  return json({
    ...found,
    page,
    viewer: viewer ? { id: viewer.id, verified: Boolean(user?.emailVerifiedAt), moderator: isModerator(viewer) } : null,
    posts: found.posts.map(({ body: _body, ...p }) => ({ ...p, quotedNumber: p.quotedPostId ? (numbers.get(p.quotedPostId) ?? null) : null })),
    quote: quoted ? { id: quoted.id, text: quoteText } : null,
    description: first ? postExcerpt(first.body, 155) : found.thread.title,
    canonical: new URL(threadPath(found.thread, page), getEnv().APP_URL).toString(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const threadId = params.threadId ?? "";
  const formData = await readForm(request);
  const actor = auditActor(user, request);
  if (formData.get("intent") === "follow") {
    const parsed = parseForm(formData, ZFollowThread);
    if (!parsed.ok) return parsed.response;
    await setFollow(user.id, threadId, parsed.value.follow === "on", actor);
    return json({ result: parsed.submission.reply(), message: parsed.value.follow === "on" ? "You will get an email when someone replies." : "You will no longer get emails about this thread." });
  }
  const parsed = parseForm(formData, ZReply);
  if (!parsed.ok) return parsed.response;
  const viewer = await boardViewer(user);
  const found = await getThread(threadId, viewer, 1);
  invariantResponse(found, "We could not find that thread.");
  if (parsed.value.website) return json({ result: parsed.submission.reply({ resetForm: true }), message: "Thanks: your reply is waiting for a moderator." });
  const { body, quotedPostId, pii, follow } = parsed.value;
  const result = await replyToThread(user, threadId, { body, quotedPostId: quotedPostId || undefined, pii, follow: follow === "on" }, actor);
  if (result.ok) {
    if (result.pending) return json({ result: parsed.submission.reply({ resetForm: true }), message: "Thanks: new members' first posts are checked by a moderator before they appear." });
    const page = Math.ceil(result.number / POSTS_PER_PAGE);
    return redirect(`${threadPath(found.thread, page)}#post-${result.number}`);
  }
  if ("pii" in result) return json({ result: parsed.submission.reply(), review: result.pii satisfies PiiReview }, { status: 422 });
  return rejectForm(parsed.submission, { message: result.message }, result.status);
}

export default function ThreadPage() {
  const { thread, posts, page, pageCount, viewer, quote, subscribed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; review?: PiiReview; message?: string } | undefined;
  const isFollow = actionData?.result?.initialValue?.intent === "follow";
  const [form, fields] = useForm<z.input<typeof ZReply>>({
    id: "reply",
    lastResult: isFollow ? undefined : actionData?.result,
    constraint: getZodConstraint(ZReply),
    defaultValue: { intent: "reply", body: quote?.text ?? "", quotedPostId: quote?.id ?? "" } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZReply }),
  });
  const base = threadPath(thread);
  return (
    <article className="card thread" aria-labelledby="thread-title">
      <p>
        <Link to="/boards">Message boards</Link> › <Link to={`/boards/${thread.category.slug}`}>{thread.category.name}</Link> ›
      </p>
      <h1 id="thread-title">{thread.title}</h1>
      {thread.locked ? <p className="notice">This thread is locked: no new replies.</p> : null}
      {thread.state !== "PUBLISHED" ? <p className="notice">This thread is not public ({thread.state.toLowerCase()}).</p> : null}
      {viewer?.moderator ? (
        <div className="toolbar">
          <Form method="post" action={`/boards/moderation/threads/${thread.id}`} className="inline-form">
            <input type="hidden" name="intent" value={thread.locked ? "unlock" : "lock"} />
            <input type="hidden" name="redirectTo" value={threadPath(thread, page)} />
            <button type="submit" className="button button-small button-secondary">
              {thread.locked ? "Unlock thread" : "Lock thread"}
            </button>
          </Form>{" "}
          <Link to={`/boards/moderation/threads/${thread.id}`}>Move thread…</Link> · <Link to="/boards/moderation">Moderation queue</Link>
        </div>
      ) : null}
      <BoardsNotice />
      {viewer ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="follow" />
          <input type="hidden" name="follow" value={subscribed ? "off" : "on"} />
          <button type="submit" className="button secondary">
            {subscribed ? "Stop emails about replies" : "Email me when someone replies"}
          </button>
        </Form>
      ) : null}
      {isFollow && actionData?.message ? <FormMessage success={actionData.message} /> : null}
      <ol className="posts">
        {posts.map((p) => (
          <li key={p.id} id={`post-${p.number}`} value={p.number} className={`post post-${p.state.toLowerCase()}`}>
            <header>
              <strong>{p.author.name}</strong>
              {p.author.attorney ? (
                <span className="badge badge-attorney" title="A verified attorney. Board answers are general information, not legal advice.">
                  Attorney
                </span>
              ) : null}{" "}
              <span className="hint">
                <a href={`#post-${p.number}`}>#{p.number}</a> · {formatDate(p.createdAt)}
                {p.editedAt ? (
                  <>
                    {" "}
                    · <Link to={`/boards/posts/${p.id}/history`}>edited</Link>
                  </>
                ) : null}
                {p.quotedNumber ? (
                  <>
                    {" "}
                    · in reply to <a href={`#post-${p.quotedNumber}`}>#{p.quotedNumber}</a>
                  </>
                ) : null}
              </span>
              {p.state === "PENDING" ? <span className="category"> waiting for a moderator</span> : null}
              {p.state === "HIDDEN" ? <span className="category"> hidden{p.hiddenReason ? `: ${p.hiddenReason}` : ""}</span> : null}
            </header>
            {p.author.attorney ? <p className="hint">Posted by an attorney as general information; not legal advice for your case.</p> : null}
            <div className="post-body" dangerouslySetInnerHTML={{ __html: p.html }} />
            <footer className="post-actions">
              {viewer && p.state === "PUBLISHED" && !thread.locked ? <Link to={`${base}?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), quote: p.id })}#reply`}>Quote</Link> : null}{" "}
              {viewer && (p.mine || viewer.moderator) ? <Link to={`/boards/posts/${p.id}/edit`}>Edit</Link> : null}{" "}
              {viewer && !p.mine && p.state === "PUBLISHED" ? <Link to={`/boards/posts/${p.id}/report`}>Report</Link> : null}
              {viewer?.moderator ? (
                p.state === "HIDDEN" ? (
                  <Form method="post" action="/boards/moderation" className="inline-form">
                    <input type="hidden" name="intent" value="restore" />
                    <input type="hidden" name="postId" value={p.id} />
                    <input type="hidden" name="redirectTo" value={`${threadPath(thread, page)}#post-${p.number}`} />
                    <button type="submit" className="button button-small button-secondary">
                      Restore
                    </button>
                  </Form>
                ) : (
                  <>
                    {p.state === "PENDING" ? (
                      <Form method="post" action="/boards/moderation" className="inline-form">
                        <input type="hidden" name="intent" value="approve" />
                        <input type="hidden" name="postId" value={p.id} />
                        <input type="hidden" name="redirectTo" value={`${threadPath(thread, page)}#post-${p.number}`} />
                        <button type="submit" className="button button-small">
                          Approve
                        </button>
                      </Form>
                    ) : null}{" "}
                    <Form method="post" action="/boards/moderation" className="inline-form">
                      <input type="hidden" name="intent" value="hide" />
                      <input type="hidden" name="postId" value={p.id} />
                      <input type="hidden" name="redirectTo" value={`${threadPath(thread, page)}#post-${p.number}`} />
                      <label className="sr-only" htmlFor={`hide-reason-${p.id}`}>
                        Reason for hiding
                      </label>
                      <select id={`hide-reason-${p.id}`} name="reason" required defaultValue="">
                        <option value="" disabled>
                          Reason…
                        </option>
                        {MODERATION_REASONS.map((r) => (
                          <option key={r} value={r}>
                            {REASON_LABELS[r]}
                          </option>
                        ))}
                      </select>{" "}
                      <button type="submit" className="button button-small button-secondary">
                        Hide
                      </button>
                    </Form>
                  </>
                )
              ) : null}
            </footer>
          </li>
        ))}
      </ol>
      <nav aria-label="Pages" className="pagination">
        {page > 1 ? <Link to={threadPath(thread, page - 1)} rel="prev">← Previous</Link> : null} <span>
          Page {page} of {pageCount}
        </span>{" "}
        {page < pageCount ? <Link to={threadPath(thread, page + 1)} rel="next">Next →</Link> : null}
      </nav>
      <section id="reply" aria-labelledby="reply-title">
        <h2 id="reply-title">Reply</h2>
        {!viewer ? (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(base)}`}>Log in</Link> or <Link to="/register">create a free account</Link> to reply.
          </p>
        ) : thread.locked ? (
          <p>This thread is locked.</p>
        ) : (
          <>
            <FormMessage errors={isFollow ? undefined : form.errors} success={!isFollow ? actionData?.message : null} />
            {actionData?.review ? <PiiReviewPanel review={actionData.review} /> : null}
            <Form method="post" {...getFormProps(form)}>
              <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
              <input {...getInputProps(fields.quotedPostId, { type: "hidden" })} key={fields.quotedPostId.key} />
              <div className="field">
                <label htmlFor={fields.body.id}>Your reply</label>
                <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={8} />
                <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
              </div>
              {!subscribed ? (
                <div className="field">
                  <label>
                    <input {...getInputProps(fields.follow, { type: "checkbox" })} key={fields.follow.key} /> Email me when someone replies
                  </label>
                </div>
              ) : null}
              <Honeypot />
              {actionData?.review ? (
                <PiiChoiceButtons submitLabel="Reply" />
              ) : (
                <button type="submit" className="button">
                  Post reply
                </button>
              )}
            </Form>
          </>
        )}
      </section>
    </article>
  );
}
