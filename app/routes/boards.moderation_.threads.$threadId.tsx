import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { threadPath } from "~/boards/format";
import { ZModerateThread } from "~/boards/moderation-schemas";
import { lockThread, moveThread, requireModerator, threadForModeration, unlockThread } from "~/boards/moderation.server";
import { FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, safeRedirect, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Moderate thread · Passage message boards" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireModerator(request);
  const found = await threadForModeration(user, params.threadId ?? "");
  invariantResponse(found, "We could not find that thread.");
  return json(found);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireModerator(request);
  const threadId = params.threadId ?? "";
  const parsed = parseForm(await readForm(request), ZModerateThread);
  if (!parsed.ok) return parsed.response;
  const actor = auditActor(user, request);
  const value = parsed.value;
  const result =
    value.intent === "move" ? await moveThread(user, threadId, value.categoryId, actor) : value.intent === "lock" ? await lockThread(user, threadId, actor) : await unlockThread(user, threadId, actor);
  if (!result.ok) return rejectForm(parsed.submission, { message: result.message }, result.status);
  if (value.redirectTo) return redirect(safeRedirect(value.redirectTo, `/boards/moderation/threads/${threadId}`));
  return json({ result: parsed.submission.reply(), message: result.message });
}

export default function ModerateThread() {
  const { thread, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const errors = actionData?.result.error ? Object.values(actionData.result.error).flatMap((e) => e ?? []) : undefined;
  return (
    <section className="card" aria-labelledby="moderate-thread-title">
      <p>
        <Link to="/boards/moderation">Moderation</Link> ›
      </p>
      <h1 id="moderate-thread-title">Moderate: {thread.title}</h1>
      <p>
        <Link to={threadPath(thread)}>Open the thread</Link> · in {thread.category.name} · {thread.replyCount === 1 ? "1 reply" : `${thread.replyCount} replies`} ·{" "}
        {thread.state === "PUBLISHED" ? "public" : thread.state.toLowerCase()} · {thread.locked ? "locked" : "open for replies"}
      </p>
      <FormMessage errors={errors} success={actionData?.message} />

      <h2>Replies</h2>
      <Form method="post">
        <input type="hidden" name="intent" value={thread.locked ? "unlock" : "lock"} />
        <button type="submit" className="button button-secondary">
          {thread.locked ? "Unlock thread" : "Lock thread"}
        </button>
      </Form>

      <h2>Move to another board</h2>
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="move" />
        <div className="field">
          <label htmlFor="move-category">Board</label>
          <select id="move-category" name="categoryId" required defaultValue="">
            <option value="" disabled>
              Choose a board…
            </option>
            {categories
              .filter((c) => c.id !== thread.category.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
        <button type="submit" className="button">
          Move thread
        </button>
      </Form>
    </section>
  );
}
