import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { requireVerifiedUser } from "~/auth/session.server";
import { boardViewer, editPost, getPostForEdit } from "~/boards/boards.server";
import { POSTS_PER_PAGE, threadPath } from "~/boards/format";
import { BoardsNotice, PiiChoiceButtons, PiiReviewPanel, type PiiReview } from "~/boards/compose";
import { ZEditPost } from "~/boards/schemas";
import { ErrorList, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Edit post · Passage" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Authors edit their own posts; moderators any.
  const user = await requireVerifiedUser(request);
  const post = await getPostForEdit(params.postId ?? "", await boardViewer(user));
  invariantResponse(post, "We could not find that post.");
  return json({ post: { id: post.id, body: post.body, number: post.number, thread: post.thread } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const parsed = parseForm(await readForm(request), ZEditPost);
  if (!parsed.ok) return parsed.response;
  const result = await editPost(await boardViewer(user), params.postId ?? "", parsed.value, auditActor(user, request));
  if (result.ok) return redirect(`${threadPath({ id: result.threadId, slug: result.slug }, Math.ceil(result.number / POSTS_PER_PAGE))}#post-${result.number}`);
  if ("pii" in result) return json({ result: parsed.submission.reply(), review: result.pii satisfies PiiReview }, { status: 422 });
  return rejectForm(parsed.submission, { message: result.message }, result.status);
}

export default function EditPost() {
  const { post } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; review?: PiiReview } | undefined;
  const [form, fields] = useForm<z.input<typeof ZEditPost>>({
    id: "edit-post",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZEditPost),
    defaultValue: { intent: "edit", body: post.body, ...(post.number === 1 ? { title: post.thread.title } : {}) } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZEditPost }),
  });
  return (
    <section className="card" aria-labelledby="edit-title">
      <p>
        <Link to={threadPath(post.thread)}>{post.thread.title}</Link> ›
      </p>
      <h1 id="edit-title">Edit post #{post.number}</h1>
      <BoardsNotice> The earlier text stays visible in the post's history.</BoardsNotice>
      <FormMessage errors={form.errors} />
      {actionData?.review ? <PiiReviewPanel review={actionData.review} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        {post.number === 1 ? (
          <div className="field">
            <label htmlFor={fields.title.id}>Title</label>
            <input {...getInputProps(fields.title, { type: "text" })} key={fields.title.key} />
            <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={fields.body.id}>Post</label>
          <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={12} />
          <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        {actionData?.review ? (
          <PiiChoiceButtons submitLabel="Save" />
        ) : (
          <button type="submit" className="button">
            Save changes
          </button>
        )}
      </Form>
    </section>
  );
}
