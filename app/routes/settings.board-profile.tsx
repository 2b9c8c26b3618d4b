import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { BOARD_NAME_MAX } from "~/boards/board-name";
import { getBoardProfile, setBoardName } from "~/boards/boards.server";
import { ZBoardProfile } from "~/boards/schemas";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Board name · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getBoardProfile(user.id);
  invariantResponse(profile, "We could not find your account.");
  return json(profile);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), ZBoardProfile);
  if (!parsed.ok) return parsed.response;
  const result = await setBoardName(user.id, parsed.value.boardName || null, auditActor(user, request));
  if (!result.ok) return rejectForm(parsed.submission, { field: "boardName", message: result.message }, result.status);
  const message = !result.changed ? "Nothing changed" : parsed.value.boardName ? `Your posts now show “${parsed.value.boardName}”.` : "Your posts now show your default name.";
  return json({ result: parsed.submission.reply(), message });
}

export default function BoardProfilePage() {
  const { boardName, defaultName, shown } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const [form, fields] = useForm({
    id: "board-profile",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZBoardProfile),
    defaultValue: { boardName: boardName ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZBoardProfile }),
  });
  return (
    <section className="card narrow" aria-labelledby="board-profile-title">
      <h1 id="board-profile-title">Board name</h1>
      <p>
        The <Link to="/boards">message boards</Link> show this name on all your posts, including earlier ones. Posts now show <strong>{shown}</strong>.
      </p>
      <FormMessage errors={form.errors} success={actionData?.message} />
      <Form method="post" {...getFormProps(form)}>
        <Field
          meta={fields.boardName}
          label="Name on your posts"
          hint={`Up to ${BOARD_NAME_MAX} letters, digits, spaces and . _ ' -; not a staff title such as Attorney or Moderator. Leave it empty to use ${defaultName}.`}
          autoComplete="nickname"
        />
        <button type="submit" className="button">
          Save
        </button>
      </Form>
    </section>
  );
}
