import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole, STAFF_ROLES } from "~/auth/session.server";
import { generatePacket } from "~/forms/generate.server";
import { attachment, auditActor, invariantResponse } from "~/utils/http.server";

/** The case's forms as one filing PDF, in the order of `?forms=I-130,I-130A`; `?download=1` to save it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  invariantResponse(params.caseId, "We could not find that case.");
  const url = new URL(request.url);
  const forms = (url.searchParams.get("forms") ?? "")
    .split(",")
    .map((f) => f.trim().toUpperCase())
    .filter(Boolean)
    .slice(0, 10);
  const result = await generatePacket(user, params.caseId, forms, auditActor(user, request));
  if (!result.ok) return new Response(result.message, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return attachment({ filename: result.filename, contentType: "application/pdf", body: result.bytes, inline: url.searchParams.get("download") !== "1" });
}
