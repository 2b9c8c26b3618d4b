import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole, STAFF_ROLES } from "~/auth/session.server";
import { exportQuestionnaire } from "~/questionnaires/questionnaires.server";
import { attachment, auditActor, invariantResponse } from "~/utils/http.server";

/** A readable PDF summary of the answers (`?lang=es` for Spanish labels), for staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const language = new URL(request.url).searchParams.get("lang") === "es" ? "es" : "en";
  return attachment(await exportQuestionnaire(user, params.questionnaireId, "pdf", auditActor(user, request), language));
}
