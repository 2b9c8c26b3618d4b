import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { loadTokenPage, submitNewPassword } from "~/auth/set-password-route.server";
import { SetPasswordForm } from "~/components/set-password-form";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return loadTokenPage(request, "RESET_PASSWORD");
}

export async function action({ request }: ActionFunctionArgs) {
  return submitNewPassword(request, "RESET_PASSWORD");
}

export default function ResetPasswordPage() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {valid ? (
        <>
          <p>After you save it, you will be logged out everywhere else.</p>
          <SetPasswordForm token={token} lastResult={actionData?.result} submitLabel="Save new password" />
        </>
      ) : (
        <p>
          This reset link has expired or was already used. <Link to="/forgot-password">Request a new link</Link>.
        </p>
      )}
    </section>
  );
}
