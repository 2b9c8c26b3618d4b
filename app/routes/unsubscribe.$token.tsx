import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { applyCaseEmailUnsubscribe, describeCaseEmailUnsubscribe } from "~/email/case-email-unsubscribe.server";
import { parseUnsubscribeToken, type CaseEmailRef, type UnsubscribeRef } from "~/email/unsubscribe.server";
import { applyUnsubscribe, describeUnsubscribe } from "~/status/subscriptions.server";
import { clientIp } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Passage" }, { name: "robots", content: "noindex" }];

const INVALID = "This unsubscribe link is not valid. Use the link from the most recent email, or manage your alerts from the status alerts page.";

const WHAT = {
  en: {
    alerts: "USCIS status alerts for your cases",
    reminders: "document expiry reminders",
    newsletter: "the Passage newsletter",
    deadlines: "deadline and appointment reminders",
    messages: "emails about new secure messages",
  },
  es: {
    alerts: "las alertas de estado de USCIS de sus casos",
    reminders: "los recordatorios de vencimiento de documentos",
    newsletter: "el boletín de Passage",
    deadlines: "los recordatorios de fechas límite y citas",
    messages: "los avisos por correo de mensajes seguros nuevos",
  },
} as const;

const describeRef = (ref: UnsubscribeRef | CaseEmailRef) => (ref.kind === "case-email" ? describeCaseEmailUnsubscribe(ref) : describeUnsubscribe(ref));

// Public: the signed token names exactly what it stops. The page asks before stopping (a link scanner must not
// unsubscribe people); mail clients use RFC 8058 one-click, a POST of "List-Unsubscribe=One-Click" to this URL.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await getSessionUser(request);
  const ref = parseUnsubscribeToken(params.token ?? "");
  const found = ref ? await describeRef(ref) : null;
  if (!found) throw json({ message: INVALID }, { status: 404 });
  return json(found);
}

export async function action({ request, params }: ActionFunctionArgs) {
  await getSessionUser(request);
  const ref = parseUnsubscribeToken(params.token ?? "");
  if (!ref || !(await describeRef(ref))) return json({ ok: false as const, message: INVALID }, { status: 404 });
  if (ref.kind === "case-email") await applyCaseEmailUnsubscribe(ref, clientIp(request));
  else await applyUnsubscribe(ref, clientIp(request));
  return json({ ok: true as const });
}

export default function Unsubscribe() {
  const found = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const es = found.language === "es";
  const what =
    found.kind === "subscription"
      ? es
        ? `las alertas del recibo ${found.maskedReceipt}`
        : `status alerts for receipt ${found.maskedReceipt}`
      : found.kind === "follow"
        ? es
          ? `avisos de respuestas en «${found.threadTitle}»`
          : `reply notifications for “${found.threadTitle}”`
        : WHAT[es ? "es" : "en"][found.topic];
  const stopped = done?.ok || found.stopped;
  return (
    <section className="card narrow" aria-labelledby="unsub-title">
      <h1 id="unsub-title">{es ? "Cancelar la suscripción" : "Unsubscribe"}</h1>
      {stopped ? (
        <div className="notice notice-success" role="status">
          {es ? `Listo: ya no recibirá ${what}.` : `Done: you will no longer get ${what}.`}
        </div>
      ) : (
        <Form method="post">
          <p>{es ? `¿Dejar de recibir ${what}?` : `Stop getting ${what}?`}</p>
          <button type="submit" className="button">
            {es ? "Sí, cancelar" : "Yes, unsubscribe"}
          </button>
        </Form>
      )}
      {found.kind === "case-email" && found.topic === "deadlines" ? (
        <p>
          <Link to="/deadlines/settings">{es ? "Recordatorios de fechas y calendario" : "Deadline reminders and calendar"}</Link>
        </p>
      ) : "manageUrl" in found && found.manageUrl ? (
        <p>
          <Link to={new URL(found.manageUrl).pathname}>{es ? "Administrar todas mis alertas" : "Manage all my alerts"}</Link>
        </p>
      ) : (
        <p>
          <Link to="/settings/notifications">{es ? "Preferencias de notificaciones" : "Notification settings"}</Link>
        </p>
      )}
    </section>
  );
}
