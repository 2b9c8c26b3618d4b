import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { prisma } from "~/db.server";
import { requireDevOutbox } from "~/email/outbox.server";
import { invariantResponse } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireDevOutbox(request);
  const email = await prisma.outboxEmail.findUnique({ where: { id: params.emailId ?? "" } });
  invariantResponse(email, "That email is not in the outbox.");
  return json({ email });
}

export default function OutboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <article className="card stack" aria-labelledby="email-subject">
      <h2 id="email-subject">{email.subject}</h2>
      <p className="muted">To: {email.to}</p>
      <iframe className="email-frame" title="Email preview" sandbox="" srcDoc={email.html} />
      <details>
        <summary>Plain text</summary>
        <pre className="email-text">{email.text}</pre>
      </details>
    </article>
  );
}
