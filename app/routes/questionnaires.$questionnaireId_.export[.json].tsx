import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole, STAFF_ROLES } from "~/auth/session.server";
import { exportQuestionnaire } from "~/questionnaires/questionnaires.server";
import { attachment, auditActor, invariantResponse } from "~/utils/http.server";

/** Answers keyed by their stable question keys, for staff and for form filling. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  return attachment(await exportQuestionnaire(user, params.questionnaireId, "json", auditActor(user, request)));
}
