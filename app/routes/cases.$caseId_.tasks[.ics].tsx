import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireVerifiedUser } from "~/auth/session.server";
import { caseCalendar } from "~/tasks/feed.server";
import { attachment, auditActor, invariantResponse } from "~/utils/http.server";

/** One case's deadlines as an iCalendar file, for anyone who may see the case (clients: the items shown to them). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const file = await caseCalendar(user, params.caseId, auditActor(user, request));
  return attachment({ filename: file.filename, contentType: "text/calendar; charset=utf-8", body: file.body });
}
