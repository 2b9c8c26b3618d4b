import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadTokenPage, submitNewPassword } from "~/auth/set-password-route.server";
import { SetPasswordForm } from "~/components/set-password-form";

export const meta: MetaFunction = () => [{ title: "Accept your invitation · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return loadTokenPage(request, "INVITE");
}

export async function action({ request }: ActionFunctionArgs) {
  return submitNewPassword(request, "INVITE");
}

export default function AcceptInvitePage() {
  const { token, valid, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="card narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">Welcome to Passage{name ? `, ${name}` : ""}</h1>
      {valid ? (
        <>
          <p>Choose a password to activate your staff account.</p>
          <SetPasswordForm token={token} lastResult={actionData?.result} submitLabel="Activate account" />
        </>
      ) : (
        <p>This invitation has expired or was already used. Ask your administrator to send a new one.</p>
      )}
    </section>
  );
}
