import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole, STAFF_ROLES } from "~/auth/session.server";
import { generatePacket, packetForms } from "~/forms/generate.server";
import { attachment, auditActor, invariantResponse } from "~/utils/http.server";

const text = (message: string, status: number) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * The case's forms as one filing PDF: `?forms=I-130,I-130A` (or one `forms=` per form, with `order.I-130=2`
 * positions, as the case page's packet form sends them); `?download=1` to save it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  invariantResponse(params.caseId, "We could not find that case.");
  const url = new URL(request.url);
  const forms = packetForms(url.searchParams);
  if (!forms.ok) return text(forms.message, 400);
  const result = await generatePacket(user, params.caseId, forms.forms, auditActor(user, request));
  if (!result.ok) return text(result.message, result.status);
  return attachment({ filename: result.filename, contentType: "application/pdf", body: result.bytes, inline: url.searchParams.get("download") !== "1" });
}
