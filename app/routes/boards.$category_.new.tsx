import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { requireVerifiedUser } from "~/auth/session.server";
import { createThread, getCategory } from "~/boards/boards.server";
import { threadPath } from "~/boards/format";
import { BoardsNotice, Honeypot, PiiChoiceButtons, PiiReviewPanel, type PiiReview } from "~/boards/compose";
import { ZNewThread } from "~/boards/schemas";
import { ErrorList, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `New thread${data ? ` in ${data.category.name}` : ""} · Passage` }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Posting needs a verified account.
  await requireVerifiedUser(request);
  const category = await getCategory(params.category ?? "");
  invariantResponse(category, "We could not find that board.");
  return json({ category: { id: category.id, slug: category.slug, name: category.name } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const category = await getCategory(params.category ?? "");
  invariantResponse(category, "We could not find that board.");
  const parsed = parseForm(await readForm(request), ZNewThread);
  if (!parsed.ok) return parsed.response;
  // The honeypot: a bot gets the ordinary "waiting for a moderator" page and nothing is stored.
  if (parsed.value.website) return redirect(`/boards/${category.slug}?posted=pending`);
  const { title, body, pii, follow } = parsed.value;
  const result = await createThread(user, { categoryId: category.id, title, body, pii, follow: follow === "on" }, auditActor(user, request));
  if (result.ok) return redirect(result.pending ? `/boards/${category.slug}?posted=pending` : threadPath({ id: result.threadId, slug: result.slug }));
  if ("pii" in result) return json({ result: parsed.submission.reply(), review: result.pii satisfies PiiReview }, { status: 422 });
  return rejectForm(parsed.submission, { message: result.message }, result.status);
}

export default function NewThread() {
  const { category } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; review?: PiiReview } | undefined;
  const [form, fields] = useForm<z.input<typeof ZNewThread>>({
    id: "new-thread",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZNewThread),
    defaultValue: { intent: "create" } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZNewThread }),
  });
  return (
    <section className="card" aria-labelledby="new-title">
      <p>
        <Link to={`/boards/${category.slug}`}>{category.name}</Link> ›
      </p>
      <h1 id="new-title">Start a thread</h1>
      <BoardsNotice />
      <FormMessage errors={form.errors} />
      {actionData?.review ? <PiiReviewPanel review={actionData.review} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        <div className="field">
          <label htmlFor={fields.title.id}>Title</label>
          <input {...getInputProps(fields.title, { type: "text" })} key={fields.title.key} />
          <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.body.id}>Your question or post</label>
          <p className="hint" id={`${fields.body.id}-hint`}>
            Markdown works: **bold**, *italics*, lists, &gt; quotes and links. No images or HTML.
          </p>
          <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={12} />
          <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        <div className="field">
          <label>
            <input {...getInputProps(fields.follow, { type: "checkbox" })} key={fields.follow.key} /> Email me when someone replies
          </label>
        </div>
        <Honeypot />
        {actionData?.review ? (
          <PiiChoiceButtons submitLabel="Post" />
        ) : (
          <button type="submit" className="button">
            Post thread
          </button>
        )}
      </Form>
    </section>
  );
}
