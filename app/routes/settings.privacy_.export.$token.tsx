import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { consumeExportGrant, exportArchive, exportFilename } from "~/privacy/export.server";
import { auditActor } from "~/utils/http.server";

/**
 * The signed-in person's data as a ZIP, streamed. The link comes from /settings/privacy after re-authentication
 * and works once, within 10 minutes, for the account that asked; anything else is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!(await consumeExportGrant(user.id, params.token ?? "", auditActor(user, request)))) {
    return new Response("This download link has expired or was already used. Ask for a new one on the Your data page.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const archive = await exportArchive(user.id, auditActor(user, request));
  return new Response(archive, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${exportFilename()}"`,
      "Cache-Control": "no-store",
    },
  });
}
