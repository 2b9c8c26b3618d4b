import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { inbox } from "~/messages/messages.server";
import { ZInboxPage } from "~/messages/schemas";
import { ThreadList } from "~/messages/thread-list";
import { auditActor } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Messages · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const { page } = ZInboxPage.parse(Object.fromEntries(new URL(request.url).searchParams));
  const view = await inbox(user, page, auditActor(user, request));
  return json({ ...view, role: user.role });
}

export default function InboxPage() {
  const { threads, page, pageCount, role } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="inbox-title">
      <h1 id="inbox-title">Messages</h1>
      <p className="muted">
        {role === "APPLICANT" ? "Conversations with your legal team on all your cases." : role === "ADMIN" ? "Conversations on all cases." : "Conversations on your assigned cases."}{" "}
        To start a conversation, open a case and choose Messages.
      </p>
      <ThreadList threads={threads} showCase page={page} pageCount={pageCount} basePath="/messages" />
    </section>
  );
}
