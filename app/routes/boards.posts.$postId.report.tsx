import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { requireVerifiedUser } from "~/auth/session.server";
import { threadPath } from "~/boards/format";
import { postExcerpt } from "~/boards/markdown.server";
import { MODERATION_REASONS, REASON_LABELS, ZReportPost } from "~/boards/moderation-schemas";
import { getPostForReport, reportPost } from "~/boards/moderation.server";
import { ErrorList, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Report a post · Passage" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Reporting needs a verified account, so reports come from people who can be held to them.
  const user = await requireVerifiedUser(request);
  const post = await getPostForReport(params.postId ?? "", user.id);
  invariantResponse(post, "We could not find that post.");
  return json({
    post: { id: post.id, number: post.number, author: post.author, excerpt: postExcerpt(post.body, 300), mine: post.mine, alreadyReported: post.alreadyReported },
    threadLink: `${threadPath(post.thread)}#post-${post.number}`,
    threadTitle: post.thread.title,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const parsed = parseForm(await readForm(request), ZReportPost);
  if (!parsed.ok) return parsed.response;
  const result = await reportPost(user, params.postId ?? "", parsed.value, auditActor(user, request));
  if (!result.ok) return rejectForm(parsed.submission, { message: result.message }, result.status);
  return json({ result: parsed.submission.reply({ resetForm: true }), message: result.message, done: true });
}

export default function ReportPost() {
  const { post, threadLink, threadTitle } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string; done?: boolean } | undefined;
  const [form, fields] = useForm<z.input<typeof ZReportPost>>({
    id: "report",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZReportPost),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZReportPost }),
  });
  const done = actionData?.done || post.alreadyReported;
  return (
    <section className="card" aria-labelledby="report-title">
      <p>
        <Link to={threadLink}>← {threadTitle}</Link>
      </p>
      <h1 id="report-title">Report post #{post.number}</h1>
      <blockquote className="post-excerpt">
        <p>
          <strong>{post.author}</strong> wrote: {post.excerpt}
        </p>
      </blockquote>
      <FormMessage errors={form.errors} success={actionData?.message ?? (post.alreadyReported ? "You already reported this post. A moderator will look at it." : null)} />
      {post.mine ? (
        <p>This is your own post: you cannot report it, but you can edit it.</p>
      ) : done ? (
        <p>
          <Link to={threadLink}>Back to the thread</Link>
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <fieldset className="field" aria-describedby={fields.reason.errorId}>
            <legend>Why should a moderator look at this post?</legend>
            {MODERATION_REASONS.map((reason) => (
              <label key={reason} className="choice">
                <input
                  {...getInputProps(fields.reason, { type: "radio", value: reason })}
                  key={`${fields.reason.key}-${reason}`}
                />{" "}
                {REASON_LABELS[reason]}
              </label>
            ))}
            <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
          </fieldset>
          <div className="field">
            <label htmlFor={fields.details.id}>Anything the moderators should know (optional)</label>
            <p className="hint" id={`${fields.details.id}-hint`}>
              Only moderators read this. Please do not repeat personal information from the post.
            </p>
            <textarea {...getTextareaProps(fields.details, { ariaDescribedBy: `${fields.details.id}-hint` })} key={fields.details.key} rows={4} />
            <ErrorList id={fields.details.errorId} errors={fields.details.errors} />
          </div>
          <button type="submit" className="button">
            Send report
          </button>
        </Form>
      )}
    </section>
  );
}
