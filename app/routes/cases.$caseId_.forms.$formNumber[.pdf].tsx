import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole, STAFF_ROLES } from "~/auth/session.server";
import { generateCaseForm } from "~/forms/generate.server";
import { attachment, auditActor, invariantResponse } from "~/utils/http.server";

/**
 * The official form filled from the case, for staff on the case: shown in the browser (preview), or downloaded
 * with `?download=1`; `?flatten=1` makes the fields uneditable. Each generation is audited. The check page
 * (`/cases/:id/forms/:formNumber`) explains the warnings counted in `X-Passage-Fill-Warnings`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  invariantResponse(params.caseId && params.formNumber, "We could not find that form.");
  const url = new URL(request.url);
  const result = await generateCaseForm(user, params.caseId, params.formNumber.toUpperCase(), auditActor(user, request), { flatten: url.searchParams.get("flatten") === "1" });
  if (!result.ok) return new Response(result.message, { status: result.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return attachment({
    filename: result.filename,
    contentType: "application/pdf",
    body: result.bytes,
    inline: url.searchParams.get("download") !== "1",
    headers: { "X-Passage-Fill-Warnings": String(result.warnings) },
  });
}
