/**
 * Form templates: official USCIS PDFs as an admin uploads them (any edition, encrypted as USCIS serves them),
 * stored decrypted with their form number, edition and field list. The newest edition of a form number is the
 * current one; older ones stay for cases prepared on them, marked as superseded.
 */
import { createHash } from "node:crypto";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { prisma } from "~/db.server";
import { FormError } from "~/forms/errors";
import { detectEdition, listFields, type FieldInfo } from "~/forms/inspect.server";
import { normaliseUploadedPdf } from "~/forms/normalise.server";
import type { Prisma } from "~/generated/prisma/client";

export const MAX_FORM_BYTES = 20 * 1024 * 1024;

export type UploadResult = { ok: true; id: string; formNumber: string; edition: string; fieldCount: number; replaced: boolean } | { ok: false; message: string; status: 400 | 413 | 422 };

const PROBLEMS: Record<string, string> = {
  NOT_A_PDF: "That file is not a PDF.",
  PASSWORD_REQUIRED: "That PDF needs a password to open. Upload the form as USCIS publishes it.",
  DECRYPT_FAILED: "That PDF could not be decrypted.",
  TOOL_MISSING: "PDF tools (qpdf, poppler-utils) are not installed on this server.",
  TOOL_FAILED: "That PDF could not be read.",
  ENCRYPTED: "That PDF could not be decrypted.",
};

/** "04/01/24" -> 2024-04-01 (USCIS prints two-digit years, all of this century). */
export function editionToDate(edition: string): Date | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{2})$/.exec(edition);
  if (!match) return null;
  return new Date(Date.UTC(2000 + Number(match[3]), Number(match[1]) - 1, Number(match[2])));
}

/** Reads the `pdf` part of a multipart upload into memory, within the size limit. */
export async function readPdfUpload(request: Request): Promise<Uint8Array | "too-large" | null> {
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FORM_BYTES, filter: ({ name }) => name === "pdf" }));
    const file = form.get("pdf");
    if (!file || typeof file === "string" || file.size === 0) return null;
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too-large";
    // Nothing else happens here but reading the request body in memory: a body that is not valid multipart.
    return null;
  }
}

export async function uploadFormTemplate(input: { bytes: Uint8Array; uploadedById: string }, actor: AuditActor): Promise<UploadResult> {
  let normalised: { bytes: Uint8Array; wasEncrypted: boolean };
  let fields: FieldInfo[];
  let edition: Awaited<ReturnType<typeof detectEdition>>;
  try {
    normalised = await normaliseUploadedPdf(input.bytes);
    [fields, edition] = await Promise.all([listFields(normalised.bytes), detectEdition(normalised.bytes)]);
  } catch (error) {
    if (error instanceof FormError) return { ok: false, status: error.code === "TOOL_MISSING" ? 422 : 400, message: PROBLEMS[error.code] ?? "That PDF could not be read." };
    throw error;
  }
  if (!edition.formNumber || !edition.editionDate) {
    return { ok: false, status: 422, message: "This PDF does not print a USCIS form number and edition date (\"Form I-130 Edition 04/01/24\") on its first page." };
  }
  if (fields.length === 0) return { ok: false, status: 422, message: "This PDF has no fillable fields." };
  const formNumber = edition.formNumber;
  const editionText = edition.editionDate;
  const sha256 = createHash("sha256").update(normalised.bytes).digest("hex");
  const data = {
    formNumber,
    edition: editionText,
    editionDate: editionToDate(editionText),
    pdf: Buffer.from(normalised.bytes),
    sha256,
    fieldCount: fields.length,
    fields: fields as unknown as Prisma.InputJsonValue,
    wasEncrypted: normalised.wasEncrypted,
    uploadedById: input.uploadedById,
  };
  return prisma.$transaction(async (tx) => {
    const existing = await tx.formTemplate.findUnique({ where: { formNumber_edition: { formNumber, edition: editionText } }, select: { id: true } });
    const row = await tx.formTemplate.upsert({ where: { formNumber_edition: { formNumber, edition: editionText } }, create: data, update: data });
    await writeAudit(tx, actor, {
      action: existing ? "form-template.replace" : "form-template.upload",
      entity: "FormTemplate",
      entityId: row.id,
      details: { formNumber, edition: editionText, fieldCount: fields.length },
    });
    return { ok: true as const, id: row.id, formNumber, edition: editionText, fieldCount: fields.length, replaced: Boolean(existing) };
  });
}

export async function listFormTemplates() {
  const rows = await prisma.formTemplate.findMany({
    orderBy: [{ formNumber: "asc" }, { editionDate: "desc" }],
    select: { id: true, formNumber: true, edition: true, editionDate: true, fieldCount: true, wasEncrypted: true, createdAt: true, uploadedBy: { select: { name: true } } },
  });
  // The first row of each form number is its newest edition.
  return rows.map((row, i) => ({ ...row, current: i === 0 || rows[i - 1]!.formNumber !== row.formNumber }));
}

export async function getFormTemplate(id: string) {
  const row = await prisma.formTemplate.findUnique({ where: { id }, select: { id: true, formNumber: true, edition: true, fieldCount: true, fields: true, wasEncrypted: true } });
  if (!row) return null;
  const newer = await prisma.formTemplate.findFirst({
    where: { formNumber: row.formNumber, editionDate: { gt: editionToDate(row.edition) ?? new Date(0) } },
    orderBy: { editionDate: "desc" },
    select: { edition: true },
  });
  return { ...row, fields: row.fields as unknown as FieldInfo[], supersededBy: newer?.edition ?? null };
}
