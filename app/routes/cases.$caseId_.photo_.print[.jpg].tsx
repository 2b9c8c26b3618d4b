import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireVerifiedUser } from "~/auth/session.server";
import { photoCase, readFiledIdPhoto } from "~/photos/id-photos.server";
import { printSheet } from "~/photos/print-sheet.server";
import { attachment, auditActor, invariantResponse } from "~/utils/http.server";

/** Two copies of a filed 2 x 2 inch photo on a 4 x 6 inch print, for a photo kiosk or a home printer. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const actor = auditActor(user, request);
  const found = await photoCase(user, params.caseId, actor);
  const photo = await readFiledIdPhoto({ viewer: user, caseId: found.id, documentId: new URL(request.url).searchParams.get("document"), actor });
  invariantResponse(photo, "There is no ID photo on file for this case yet.");
  return attachment({ filename: `passport-photos-4x6-${found.reference}.jpg`, contentType: "image/jpeg", body: await printSheet(photo) });
}
