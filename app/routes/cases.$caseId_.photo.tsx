import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { formatDate } from "~/components/status-badge";
import { CropEditor, type CropView } from "~/photos/crop-editor";
import { fileIdPhoto, filedIdPhotos, photoCase } from "~/photos/id-photos.server";
import stylesUrl from "~/photos/id-photo.css";
import { prepareWorkingCopy, renderIdPhoto, UnusablePhoto, workingSize, type UnusableReason } from "~/photos/process.server";
import { ZPhotoCrop } from "~/photos/schemas";
import { readPhotoForm } from "~/photos/upload.server";
import { defaultCrop, MAX_PHOTO_BYTES, USCIS_GUIDANCE } from "~/photos/uscis-photo";
import { sniffImageType } from "~/mrz/upload.server";
import { auditActor, invariantResponse } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

// The page carries the person's photo (as the working copy and the preview): no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `ID photo · ${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const found = await photoCase(user, params.caseId, auditActor(user, request));
  const photos = await filedIdPhotos(user, found.id);
  const url = new URL(request.url);
  return json({
    case: found,
    photos: photos.map((p) => ({ id: p.id, createdAt: p.createdAt, size: p.size, review: p.review, uploadedBy: p.uploadedBy?.name ?? "a former user", item: p.item?.label ?? null })),
    saved: url.searchParams.get("saved"),
  });
}

const PROBLEMS: Record<UnusableReason | "too-large" | "unreadable-form" | "wrong-type" | "no-photo", string> = {
  "too-large": `This photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB. Choose a smaller one, or send it from your phone at a lower size.`,
  "unreadable-form": "We could not read what your browser sent. Please choose the photo again.",
  "wrong-type": "This file is not a JPEG, PNG, HEIC or WebP photo. Choose a photo file.",
  "no-photo": "Choose a photo to upload.",
  undecodable: "We could not open this photo: the file looks damaged. Try another photo or export it again from your phone.",
  "too-small": "This photo is too small to make a 2 x 2 inch photo (we need at least 200 pixels on each side). Upload the original photo from the camera.",
};

type ActionData = { problem: string; crop?: undefined } | { problem: null; crop: CropView };

const reply = (data: ActionData, status = 200) => json(data, { status, headers: { "Cache-Control": "no-store" } });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const actor = auditActor(user, request);
  const found = await photoCase(user, params.caseId, actor);
  const form = await readPhotoForm(request);
  if (!form.ok) return reply({ problem: PROBLEMS[form.problem] }, form.problem === "too-large" ? 413 : 400);
  try {
    if (form.fields.get("intent") === "upload" || form.photo) {
      if (!form.photo) return reply({ problem: PROBLEMS["no-photo"] }, 400);
      if (!sniffImageType(form.photo)) return reply({ problem: PROBLEMS["wrong-type"] }, 415);
      const working = await prepareWorkingCopy(form.photo);
      const crop = defaultCrop(working);
      const photo = await renderIdPhoto({ working: working.jpeg, crop });
      return reply({ problem: null, crop: cropView({ working: working.jpeg, size: working, crop, photo, fieldErrors: {} }) });
    }
    const parsed = ZPhotoCrop.safeParse(Object.fromEntries(form.fields));
    const working = Buffer.from(String(form.fields.get("working") ?? ""), "base64");
    if (working.length === 0) return reply({ problem: "Upload the photo again: the page lost it." }, 400);
    const size = await workingSize(working);
    if (!parsed.success) {
      // Keep the photo and the valid fields; a field out of range goes back to the default, with its error beside it.
      const fieldErrors = parsed.error.flatten().fieldErrors;
      const fallback = defaultCrop(size);
      const keep = (name: keyof typeof fallback) => (fieldErrors[name] ? fallback[name] : Number(form.fields.get(name)));
      const crop = { zoom: keep("zoom"), centerX: keep("centerX"), centerY: keep("centerY") };
      const photo = await renderIdPhoto({ working, crop });
      return reply({ problem: null, crop: cropView({ working, size, crop, photo, fieldErrors }) }, 400);
    }
    const crop = { zoom: parsed.data.zoom, centerX: parsed.data.centerX, centerY: parsed.data.centerY };
    const photo = await renderIdPhoto({ working, crop });
    if (parsed.data.intent === "preview") return reply({ problem: null, crop: cropView({ working, size, crop, photo, fieldErrors: {} }) });
    const filed = await fileIdPhoto({ viewer: user, caseId: found.id, jpeg: photo.jpeg, actor });
    if (!filed.ok) return reply({ problem: filed.message, crop: undefined }, filed.status);
    return redirect(`/cases/${found.id}/photo?saved=${filed.onItem ? "item" : "case"}`);
  } catch (error) {
    if (error instanceof UnusablePhoto) return reply({ problem: PROBLEMS[error.reason] }, 422);
    throw error;
  }
}

function cropView(input: {
  working: Buffer;
  size: { width: number; height: number };
  crop: CropView["crop"];
  photo: Awaited<ReturnType<typeof renderIdPhoto>>;
  fieldErrors: Record<string, string[] | undefined>;
}): CropView {
  return {
    working: input.working.toString("base64"),
    width: input.size.width,
    height: input.size.height,
    crop: input.crop,
    preview: `data:image/jpeg;base64,${input.photo.jpeg.toString("base64")}`,
    checks: input.photo.checks,
    kilobytes: Math.round(input.photo.jpeg.length / 1024),
    fieldErrors: Object.fromEntries(Object.entries(input.fieldErrors).filter((entry): entry is [string, string[]] => Boolean(entry[1]))),
  };
}

export default function IdPhotoPage() {
  const { case: c, photos, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formData?.get("intent") === "upload";
  return (
    <article className="stack" aria-labelledby="photo-title">
      <p>
        <Link to={`/cases/${c.id}`}>← {c.reference}</Link>
      </p>
      <header>
        <h1 id="photo-title">Passport-style photo (2 x 2 inch)</h1>
        <p className="muted">{c.title}</p>
        <p>
          Upload a photo of your head and shoulders. Passage turns it into the 2 x 2 inch photo USCIS asks for (600 x 600 pixels at 300 dpi), checks it for
          common problems and files it with this case&apos;s documents. Your original photo is not kept.
        </p>
      </header>

      {saved === "item" || saved === "case" ? (
        <p className="notice notice-success" role="status">
          {saved === "item" ? "Photo saved on the case's passport-style photo checklist item." : "Photo saved with the case's documents (this case's checklist has no photo item)."}
        </p>
      ) : null}
      {actionData?.problem ? (
        <p className="notice notice-error" role="alert">
          {actionData.problem}
        </p>
      ) : null}

      {actionData?.crop ? <CropEditor view={actionData.crop} /> : null}

      <Form method="post" encType="multipart/form-data" className="card stack" aria-labelledby="upload-title">
        <h2 id="upload-title">{actionData?.crop ? "Use another photo" : "Upload a photo"}</h2>
        <p className="hint">JPEG, PNG, HEIC or WebP, up to {MAX_PHOTO_BYTES / 1024 / 1024} MB. On a phone you can take the photo now.</p>
        <div className="field">
          <label htmlFor="photo">Photo</label>
          <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/heic,image/heif,image/webp,.heic,.heif" required />
        </div>
        <button type="submit" name="intent" value="upload" className="button" disabled={uploading}>
          {uploading ? "Preparing…" : "Upload and crop"}
        </button>
        {actionData?.crop ? null : (
          <section aria-labelledby="tips-title">
            <h3 id="tips-title">Before you take the photo</h3>
            <ul>
              {USCIS_GUIDANCE.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        )}
      </Form>

      <section className="card stack" aria-labelledby="filed-title">
        <h2 id="filed-title">Photos on file</h2>
        {photos.length === 0 ? (
          <p className="muted">No photo saved yet.</p>
        ) : (
          <ul className="stack">
            {photos.map((p, i) => (
              <li key={p.id}>
                {formatDate(p.createdAt)} · {Math.round(p.size / 1024)} KB · by {p.uploadedBy}
                {p.item ? ` · ${p.item}` : ""} · {p.review === "ACCEPTED" ? "accepted" : p.review === "REJECTED" ? "needs a new photo" : "awaiting review"}
                {" · "}
                <a href={`/documents/${p.id}/download`}>Download the photo</a>
                {" · "}
                <a href={`/cases/${c.id}/photo/print.jpg?document=${p.id}`} download>
                  4 x 6 inch print sheet (two photos)
                </a>
                {i === 0 ? null : <span className="muted"> (earlier photo)</span>}
              </li>
            ))}
          </ul>
        )}
        <p>
          The legal team reviews the photo with the other documents under <Link to={`/cases/${c.id}/documents`}>Documents</Link>.
        </p>
      </section>
    </article>
  );
}
