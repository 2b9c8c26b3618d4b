import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { maskReceiptNumber } from "~/status/receipt";
import { confirmSubscription, findSubscriptionByConfirmToken, manageUrl } from "~/status/subscriptions.server";

export const meta: MetaFunction = () => [{ title: "Confirm status alerts · Passage" }, { name: "robots", content: "noindex" }];

const INVALID = "This confirmation link is not valid or has expired. Sign up again on the status alerts page.";

// The link from the email opens this page, and confirming takes a click: mail scanners that follow links must
// not be able to confirm for the person.
export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public: the token in the link is the authorisation.
  await getSessionUser(request);
  const found = await findSubscriptionByConfirmToken(params.token ?? "");
  if (!found) throw json({ message: INVALID }, { status: 404 });
  return json({
    maskedReceipt: maskReceiptNumber(found.receiptNumber),
    language: found.language,
    confirmed: found.state === "CONFIRMED",
    manageUrl: new URL(manageUrl(found.email)).pathname,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await getSessionUser(request);
  const confirmed = await confirmSubscription(params.token ?? "");
  if (!confirmed) return json({ ok: false as const, message: INVALID }, { status: 404 });
  return json({ ok: true as const, maskedReceipt: maskReceiptNumber(confirmed.receiptNumber), manageUrl: new URL(manageUrl(confirmed.email)).pathname });
}

export default function ConfirmStatusAlerts() {
  const { maskedReceipt, language, confirmed, manageUrl: managePath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const es = language === "es";
  const done = result?.ok ? result : confirmed ? { ok: true as const, maskedReceipt, manageUrl: managePath } : null;
  if (done?.ok) {
    return (
      <section className="card narrow" aria-labelledby="confirm-title">
        <h1 id="confirm-title">{es ? "Alertas confirmadas" : "Alerts confirmed"}</h1>
        <div className="notice notice-success" role="status">
          {es
            ? `Le enviaremos un correo cuando cambie el estado del recibo ${done.maskedReceipt}.`
            : `We will email you when the status of receipt ${done.maskedReceipt} changes.`}
        </div>
        <p>
          <Link to={done.manageUrl}>{es ? "Administrar mis alertas" : "Manage my alerts"}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{es ? "Confirme sus alertas" : "Confirm your alerts"}</h1>
      {result && !result.ok ? (
        <div className="notice notice-error" role="alert">
          {result.message}
        </div>
      ) : null}
      <p>
        {es
          ? `¿Quiere recibir un correo cuando cambie el estado del recibo ${maskedReceipt}?`
          : `Do you want an email when the status of receipt ${maskedReceipt} changes?`}
      </p>
      <Form method="post">
        <button type="submit" className="button">
          {es ? "Sí, confirmar" : "Yes, confirm"}
        </button>
      </Form>
    </section>
  );
}
