/**
 * Expiry dates on a case come from two places:
 *
 * - the client's questionnaire answers (EXPIRY_QUESTIONS: passports, the I-94 stay, the previous work permit);
 *   when a key is answered in more than one questionnaire of the case, the latest answer counts;
 * - dates staff record on the case (CaseExpiry): documents no questionnaire asks about (visas, green cards) and
 *   corrections.
 *
 * A staff date replaces the questionnaire dates of the same kind on the same case: staff record a date on purpose,
 * usually from the document itself, and a client's typo must not send reminders for the wrong day. CaseExpiry
 * does not say whose document it is, so the rule is per kind rather than per kind and person; replaced answers
 * stay visible on the case page, marked as replaced, and never drive reminders.
 *
 * Case access goes through caseScopeSql / caseScope / editableCase like every other case query.
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { caseScope, caseScopeSql, canEditCases, CaseNotFound, editableCase, type Viewer } from "~/cases/case-access.server";
import { prisma, type Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import { Prisma } from "~/generated/prisma/client";
import type { ExpiryKind } from "~/generated/prisma/enums";
import {
  addDays,
  daysBetween,
  EXPIRY_KIND_LABELS,
  EXPIRY_QUESTIONS,
  isoDay,
  type ExpiryPerson,
  type ExpiryState,
} from "~/reminders/expiry-kinds";

export type Expiration = {
  caseId: string;
  caseReference: string;
  caseTitle: string;
  source: "questionnaire" | "staff";
  /** Stable within the case across runs: the question key, or "staff" for dates staff recorded. */
  sourceKey: string;
  questionKey: string | null;
  expiryId: string | null;
  kind: ExpiryKind;
  /** Whose document; null for staff entries, which do not record it. */
  person: ExpiryPerson | null;
  /** Staff's own words for the document; shown in the portal, never emailed. */
  label: string | null;
  expiresOn: string;
  /** Days from today to the expiry date: 0 on the last valid day, negative once expired. */
  daysLeft: number;
  state: ExpiryState;
  /** A questionnaire date that a staff date of the same kind replaces. */
  replaced: boolean;
};

type Row = {
  caseId: string;
  reference: string;
  title: string;
  source: "questionnaire" | "staff";
  questionKey: string | null;
  expiryId: string | null;
  kind: ExpiryKind;
  person: ExpiryPerson | null;
  label: string | null;
  expiresOn: string;
  replaced: boolean;
};

type Window = { from?: string; to?: string; includeReplaced?: boolean };

/** The `filter` is a condition on "Case" c: a viewer's scope, a list of ids, or TRUE for the daily job. */
async function queryExpirations(db: Tx, filter: Prisma.Sql, window: Window = {}): Promise<Row[]> {
  const entries = Object.entries(EXPIRY_QUESTIONS);
  const from = window.from ?? "1900-01-01";
  const to = window.to ?? "9999-12-31";
  return db.$queryRaw<Row[]>`
    WITH questions AS (
      SELECT * FROM unnest(${entries.map(([key]) => key)}::text[], ${entries.map(([, q]) => q.kind)}::text[], ${entries.map(([, q]) => q.person)}::text[])
        AS x("key", "kind", "person")
    ), answered AS (
      SELECT DISTINCT ON (qn."caseId", a."key") qn."caseId", a."key", x."kind", x."person", a."value" #>> '{}' AS "expiresOn"
      FROM "Answer" a
      JOIN questions x ON x."key" = a."key"
      JOIN "Questionnaire" qn ON qn."id" = a."questionnaireId"
      JOIN "Case" c ON c."id" = qn."caseId"
      WHERE ${filter} AND jsonb_typeof(a."value") = 'string' AND (a."value" #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
      ORDER BY qn."caseId", a."key", a."updatedAt" DESC
    ), from_answers AS (
      SELECT ans.*, EXISTS (SELECT 1 FROM "CaseExpiry" e WHERE e."caseId" = ans."caseId" AND e."kind"::text = ans."kind") AS "replaced"
      FROM answered ans
      WHERE ans."expiresOn" BETWEEN ${from} AND ${to}
    )
    SELECT c."id" AS "caseId", c."reference", c."title", 'questionnaire' AS "source", f."key" AS "questionKey", NULL::text AS "expiryId",
      f."kind", f."person", NULL::text AS "label", f."expiresOn", f."replaced"
    FROM from_answers f JOIN "Case" c ON c."id" = f."caseId"
    WHERE ${window.includeReplaced ? Prisma.sql`TRUE` : Prisma.sql`NOT f."replaced"`}
    UNION ALL
    SELECT c."id", c."reference", c."title", 'staff', NULL, e."id", e."kind"::text, NULL, e."label", to_char(e."expiresOn", 'YYYY-MM-DD'), FALSE
    FROM "CaseExpiry" e JOIN "Case" c ON c."id" = e."caseId"
    WHERE ${filter} AND e."expiresOn" BETWEEN ${from}::date AND ${to}::date
    ORDER BY "expiresOn", "reference", "kind", "questionKey"`;
}

function toExpiration(row: Row, today: string, dueSoonDays: number): Expiration {
  const daysLeft = daysBetween(today, row.expiresOn);
  return {
    caseId: row.caseId,
    caseReference: row.reference,
    caseTitle: row.title,
    source: row.source,
    sourceKey: row.questionKey ?? "staff",
    questionKey: row.questionKey,
    expiryId: row.expiryId,
    kind: row.kind,
    person: row.person,
    label: row.label,
    expiresOn: row.expiresOn,
    daysLeft,
    state: daysLeft < 0 ? "expired" : daysLeft <= dueSoonDays ? "due-soon" : "later",
    replaced: row.replaced,
  };
}

/** "Due soon" is the last reminder window (30 days unless REMINDER_OFFSETS_DAYS says otherwise). */
function dueSoonDays() {
  const offsets = getEnv().reminderOffsetsDays;
  return offsets.length ? Math.min(...offsets) : 30;
}

type Options = { today?: Date; from?: string; to?: string; includeReplaced?: boolean };

/**
 * Every expiry date of these cases, soonest first. No access check: for the daily job and for callers that have
 * already found the cases through the viewer's scope.
 */
export async function expirationsForCases(caseIds: string[], options: Options = {}, db: Tx = prisma): Promise<Expiration[]> {
  if (caseIds.length === 0) return [];
  const rows = await queryExpirations(db, Prisma.sql`c."id" = ANY(${caseIds}::text[])`, options);
  const today = isoDay(options.today ?? new Date());
  const soon = dueSoonDays();
  return rows.map((row) => toExpiration(row, today, soon));
}

/** The daily job's input: every date that has not passed and lies within `days`, over all cases. */
export async function pendingExpirations(today: string, days: number): Promise<Expiration[]> {
  const rows = await queryExpirations(prisma, Prisma.sql`TRUE`, { from: today, to: addDays(today, days) });
  const soon = dueSoonDays();
  return rows.map((row) => toExpiration(row, today, soon));
}

/** Expired in this many days before today still shows, so a missed date stays in sight. */
export const RECENTLY_EXPIRED_DAYS = 30;

/**
 * The viewer's cases' dates from 30 days ago to `days` ahead, soonest first: staff see their assigned cases,
 * admins all. A staff read, so it is audited with the cases it listed.
 */
export async function upcomingExpirations(viewer: Viewer, options: { days: number; today?: Date }, actor: AuditActor): Promise<Expiration[]> {
  const today = isoDay(options.today ?? new Date());
  const soon = dueSoonDays();
  return prisma.$transaction(async (tx) => {
    const rows = await queryExpirations(tx, caseScopeSql(viewer), { from: addDays(today, -RECENTLY_EXPIRED_DAYS), to: addDays(today, options.days) });
    if (viewer.role !== "APPLICANT") {
      await writeAudit(tx, actor, {
        action: "case.expiry.list",
        entity: "CaseExpiry",
        details: { caseIds: [...new Set(rows.map((r) => r.caseId))], days: options.days },
      });
    }
    return rows.map((row) => toExpiration(row, today, soon));
  });
}

/** One case's dates, all of them including replaced answers, for its expirations page; 404 outside the scope. */
export async function caseExpirations(viewer: Viewer, caseId: string, actor: AuditActor, options: { today?: Date } = {}) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, reference: true, title: true } });
    if (!found) throw new CaseNotFound();
    const expirations = await expirationsForCases([found.id], { today: options.today, includeReplaced: true }, tx);
    if (viewer.role !== "APPLICANT") {
      await writeAudit(tx, actor, { action: "case.expiry.view", entity: "Case", entityId: found.id, caseId: found.id });
    }
    return { case: found, expirations, canEdit: canEditCases(viewer), reminderOffsetsDays: getEnv().reminderOffsetsDays };
  });
}

export type ExpiryChangeResult = { ok: true } | { ok: false; field?: "expiresOn"; message: string; status: 404 | 409 };

export async function addCaseExpiry(
  viewer: Viewer,
  caseId: string,
  input: { kind: ExpiryKind; label?: string | null; expiresOn: string },
  actor: AuditActor,
): Promise<ExpiryChangeResult> {
  const expiresOn = new Date(`${input.expiresOn}T00:00:00Z`);
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    // A second click on "Add" must not record the date twice (and send its reminders twice).
    const same = await tx.caseExpiry.findFirst({ where: { caseId, kind: input.kind, expiresOn }, select: { id: true } });
    if (same) return { ok: false, field: "expiresOn", message: "This date is already recorded for this kind of document", status: 409 };
    const row = await tx.caseExpiry.create({
      data: { caseId, kind: input.kind, label: input.label || null, expiresOn, createdById: viewer.id },
    });
    await tx.caseEvent.create({
      data: { caseId, actorId: viewer.id, kind: "expiry", summary: `${EXPIRY_KIND_LABELS[input.kind].en} expiration date recorded` },
    });
    await writeAudit(tx, actor, { action: "case.expiry.add", entity: "CaseExpiry", entityId: row.id, caseId, details: { kind: input.kind } });
    return { ok: true };
  });
}

export async function removeCaseExpiry(viewer: Viewer, caseId: string, expiryId: string, actor: AuditActor): Promise<ExpiryChangeResult> {
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const found = await tx.caseExpiry.findFirst({ where: { id: expiryId, caseId }, select: { id: true, kind: true } });
    if (!found) return { ok: false, message: "That date is no longer on this case", status: 404 };
    await tx.caseExpiry.delete({ where: { id: found.id } });
    await tx.caseEvent.create({
      data: { caseId, actorId: viewer.id, kind: "expiry", summary: `${EXPIRY_KIND_LABELS[found.kind].en} expiration date removed` },
    });
    await writeAudit(tx, actor, { action: "case.expiry.remove", entity: "CaseExpiry", entityId: found.id, caseId, details: { kind: found.kind } });
    return { ok: true };
  });
}
