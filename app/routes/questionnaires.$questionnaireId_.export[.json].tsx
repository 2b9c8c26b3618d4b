import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole, STAFF_ROLES } from "~/auth/session.server";
import { getQuestionnaire } from "~/questionnaires/questionnaires.server";
import { auditActor, invariantResponse } from "~/utils/http.server";

/** Answers keyed by their stable question keys, for staff and for form filling. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const { questionnaire, template, answers } = await getQuestionnaire(user, params.questionnaireId, auditActor(user, request));
  const body = {
    questionnaireId: questionnaire.id,
    case: questionnaire.case.reference,
    template: { id: template.id, version: template.version },
    status: questionnaire.status,
    submittedAt: questionnaire.submittedAt,
    answers,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${questionnaire.case.reference}-${template.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
