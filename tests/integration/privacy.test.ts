/**
 * Privacy rights over real HTTP against the real server and PostgreSQL: downloading one's data as a ZIP (unzipped
 * here and read), re-authentication before it, deleting an account with and without legal hold (what remains is
 * checked with SQL), the staff and last-administrator rules, the confirmation email, the cookie notice and the
 * essential cookies, and the privacy page.
 */
import { randomUUID } from "node:crypto";
import { unzipSync, strFromU8 } from "fflate";
import { PrismaPg } from "@prisma/adapter-pg";
import { hashPassword } from "~/auth/password.server";
import { encryptTotpSecret } from "~/auth/totp-crypto.server";
import { totpCode } from "~/auth/totp.server";
import { prisma } from "~/db.server";
import { storeCaseDocument } from "~/documents/documents.server";
import { dispatchPending } from "~/email/dispatch.server";
import { PrismaClient } from "~/generated/prisma/client";
import { ESSENTIAL_COOKIES, SESSION_STORAGE_KEYS } from "~/privacy/cookies";
import { DATA_INVENTORY } from "~/privacy/inventory";
import { isSensitiveQuestion, sealAnswer, sealRevision } from "~/questionnaires/sealed-answers.server";
import { getTemplate } from "~/questionnaires/templates";
import { getStorage } from "~/storage/storage.server";
import { migrateDatabase } from "../../server/database";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { hasChromium, logInThroughForm, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCase, createUser, TEST_PASSWORD, TEST_TOTP_SECRET } from "../support/factories";
import { freePort } from "../support/free-port";
import { createScratchDatabase } from "../support/scratch-database";
import { baseUrl, freshTotpCode, get, logIn, postForm } from "../support/http";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";

const text = (html: string) => html.replaceAll("<!-- -->", "").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");

/** Asks for a download link on /settings/privacy; returns the response and the link (null when refused). */
async function requestExport(cookie: string, fields: { password: string; code?: string }) {
  const res = await postForm("/settings/privacy", { intent: "export", password: fields.password, ...(fields.code ? { code: fields.code } : {}) }, cookie);
  const html = await res.text();
  const link = /href="(\/settings\/privacy\/export\/[\w-]+)"/.exec(html)?.[1] ?? null;
  return { status: res.status, html: text(html), link };
}

type Archive = { files: Record<string, Uint8Array>; data: Record<string, any>; json: string; audit: { action: string; ip: string | null }[] };

async function download(cookie: string, link: string): Promise<{ status: number; archive: Archive | null; headers: Headers }> {
  const res = await get(link, cookie);
  if (res.status !== 200) return { status: res.status, archive: null, headers: res.headers };
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const json = strFromU8(files["passage-data.json"]!);
  return { status: 200, headers: res.headers, archive: { files, json, data: JSON.parse(json), audit: JSON.parse(strFromU8(files["audit-log.json"]!)) } };
}

async function exportFor(email: string, cookie: string, twoFactor = false) {
  const asked = await requestExport(cookie, { password: TEST_PASSWORD, code: twoFactor ? await freshTotpCode(email) : undefined });
  expect(asked.status, asked.html.slice(0, 300)).toBe(200);
  expect(asked.link).toBeTruthy();
  const got = await download(cookie, asked.link!);
  expect(got.status).toBe(200);
  return got.archive!;
}

/** An applicant's case with something of every kind, some of it staff-only. */
async function richCase(applicantId: string, attorney: { id: string; role: "ATTORNEY" }, marker: string) {
  const theCase = await createCase({ applicantId, assignees: [attorney], title: `Petition ${marker}` });
  await prisma.case.update({ where: { id: theCase.id }, data: { status: "FILED" } });
  const number = `IOE${String(Math.floor(Math.random() * 1e10)).padStart(10, "0")}`;
  await prisma.receiptNumber.create({ data: { caseId: theCase.id, ...receiptColumns("ReceiptNumber", number), formType: "I-130" } });
  await prisma.trackedReceipt.create({ data: { ...receiptColumns("TrackedReceipt", number), nextCheckAt: new Date() } });
  await prisma.statusObservation.create({
    data: { receiptKey: receiptKey(number), source: "MANUAL", provider: "manual", fingerprint: randomUUID(), titleEn: `Case Was Received ${marker}`, descriptionEn: "Received.", category: "received", ruleKey: "received" },
  });
  await prisma.caseNote.create({ data: { caseId: theCase.id, authorId: attorney.id, visibility: "CLIENT", body: `CLIENT-NOTE-${marker}` } });
  await prisma.caseNote.create({ data: { caseId: theCase.id, authorId: attorney.id, visibility: "STAFF", body: `STAFF-ONLY-${marker}` } });
  await prisma.caseEvent.create({ data: { caseId: theCase.id, kind: "note", summary: `VISIBLE-EVENT-${marker}`, clientVisible: true } });
  await prisma.caseEvent.create({ data: { caseId: theCase.id, kind: "assignment", summary: `INTERNAL-EVENT-${marker}`, clientVisible: false } });
  await prisma.caseExpiry.create({ data: { caseId: theCase.id, kind: "PASSPORT", label: `EXPIRY-${marker}`, expiresOn: new Date("2031-05-01") } });
  const questionnaire = await prisma.questionnaire.create({
    data: { caseId: theCase.id, templateId: "i-765", templateVersion: 1, answers: { create: [{ key: "applicant.familyName", value: `ANSWER-${marker}` }] } },
  });
  await prisma.answerRevision.create({ data: { questionnaireId: questionnaire.id, key: "applicant.familyName", value: `EARLIER-${marker}`, changedById: applicantId } });
  // A sensitive answer and its history, stored encrypted as the questionnaire code stores them.
  const template = getTemplate("i-765")!;
  const sensitiveKey = template.sections.flatMap((section) => section.questions).find((q) => q.type !== "group" && isSensitiveQuestion(q))!.key;
  await prisma.answer.create({ data: { questionnaireId: questionnaire.id, key: sensitiveKey, value: sealAnswer(template, questionnaire.id, sensitiveKey, `SENSITIVE-${marker}`)! } });
  const revisionId = randomUUID();
  await prisma.answerRevision.create({ data: { id: revisionId, questionnaireId: questionnaire.id, key: sensitiveKey, value: sealRevision(template, revisionId, sensitiveKey, `SENSITIVE-OLD-${marker}`)!, changedById: applicantId } });
  await prisma.messageThread.create({
    data: {
      caseId: theCase.id,
      subject: `SUBJECT-${marker}`,
      startedById: applicantId,
      messages: {
        create: [
          { authorId: applicantId, fromClient: true, body: `CLIENT-MESSAGE-${marker}` },
          { authorId: attorney.id, fromClient: false, internal: true, body: `INTERNAL-MESSAGE-${marker}` },
        ],
      },
    },
  });
  await prisma.caseTask.create({ data: { caseId: theCase.id, kind: "BIOMETRICS", title: `APPOINTMENT-${marker}`, dueDay: new Date("2031-01-10"), timeZone: "America/New_York", assigneeId: attorney.id, clientVisible: true, notes: `TASK-NOTES-${marker}` } });
  await prisma.caseTask.create({ data: { caseId: theCase.id, kind: "TASK", title: `STAFF-TASK-${marker}`, dueDay: new Date("2031-01-11"), timeZone: "America/New_York", assigneeId: attorney.id } });
  const documentBytes = Buffer.from(`%PDF-1.4\n% DOCUMENT-${marker}\n%%EOF\n`);
  const stored = await storeCaseDocument({
    caseId: theCase.id,
    uploadedBy: { id: applicantId, role: "APPLICANT" },
    actor: { id: applicantId, ip: "test" },
    filename: `scan-${marker}.pdf`,
    stream: [new Uint8Array(documentBytes)],
  });
  if (!stored.ok) throw new Error(`could not store the test document: ${stored.message}`);
  const document = await prisma.caseDocument.findFirstOrThrow({ where: { caseId: theCase.id }, select: { id: true, storageKey: true } });
  return { theCase, number, questionnaire, documentBytes, document };
}

async function boardPostBy(userId: string, marker: string) {
  const category = await prisma.boardCategory.upsert({ where: { slug: "privacy-test" }, update: {}, create: { slug: "privacy-test", name: "Privacy test", description: "", position: 99 } });
  const thread = await prisma.boardThread.create({
    data: { categoryId: category.id, authorId: userId, title: `THREAD-${marker}`, slug: "thread", posts: { create: { authorId: userId, number: 1, body: `POST-BODY-${marker}` } } },
    select: { id: true, posts: { select: { id: true } } },
  });
  await prisma.boardPostRevision.create({ data: { postId: thread.posts[0]!.id, body: `POST-EARLIER-${marker}`, editorId: userId } });
  return { threadId: thread.id, postId: thread.posts[0]!.id };
}

describe("downloading one's data", () => {
  const marker = randomUUID().slice(0, 8).toUpperCase();
  let applicant: Awaited<ReturnType<typeof createUser>>;
  let attorney: Awaited<ReturnType<typeof createUser>>;
  let other: Awaited<ReturnType<typeof createUser>>;
  let world: Awaited<ReturnType<typeof richCase>>;
  let cookie: string;

  beforeAll(async () => {
    [applicant, attorney, other] = await Promise.all([createUser({ name: `Ana Export ${marker}` }), createUser({ role: "ATTORNEY" }), createUser()]);
    world = await richCase(applicant.id, { id: attorney.id, role: "ATTORNEY" }, marker);
    await richCase(other.id, { id: attorney.id, role: "ATTORNEY" }, `OTHER${marker}`);
    await boardPostBy(applicant.id, marker);
    await prisma.statusSubscription.create({ data: { email: applicant.email, ...receiptColumns("StatusSubscription", world.number), state: "CONFIRMED", confirmedAt: new Date() } });
    await prisma.statusSubscription.create({ data: { email: other.email, ...receiptColumns("StatusSubscription", world.number), state: "CONFIRMED", confirmedAt: new Date() } });
    await prisma.user.update({ where: { id: applicant.id }, data: { marketingOptInAt: new Date(), boardName: `Board${marker}` } });
    cookie = await logIn(applicant.email);
  });

  it("asks for the password again and gives nothing for a wrong one", async () => {
    const wrong = await requestExport(cookie, { password: "not the password at all" });
    expect(wrong.status).toBe(400);
    expect(wrong.link).toBeNull();
    expect(wrong.html).toContain("That password is not correct");
    const missing = await postForm("/settings/privacy", { intent: "export" }, cookie);
    expect(missing.status).toBe(400);
    expect((await get(`/settings/privacy/export/${randomUUID()}${randomUUID()}`, cookie)).status).toBe(404);
    const anonymous = await get(`/settings/privacy/export/${randomUUID()}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("streams a ZIP with the person's data and nothing of anyone else's or staff-only", async () => {
    const asked = await requestExport(cookie, { password: TEST_PASSWORD });
    expect(asked.status).toBe(200);
    const got = await download(cookie, asked.link!);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("application/zip");
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="passage-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(got.headers.get("cache-control")).toBe("no-store");
    const { files, data, json, audit } = got.archive!;
    const documentPath = `documents/${world.theCase.reference}/${world.document.id.slice(-8)}-scan-${marker}.pdf`;
    expect(Object.keys(files).sort()).toEqual(["README.txt", "audit-log.json", documentPath, "passage-data.json"]);
    // The document decrypted, byte for byte, and listed in the JSON.
    expect(Buffer.from(files[documentPath]!).equals(world.documentBytes)).toBe(true);

    expect(data.account.email).toBe(applicant.email);
    expect(data.profile.name).toBe(`Ana Export ${marker}`);
    expect(data.profile.boardName).toBe(`Board${marker}`);
    expect(data.notificationSettings).toMatchObject({ statusAlerts: true, expiryReminders: true });
    expect(data.newsletterConsent.given).toBe(true);
    expect(data.newsletterConsent.wording).toMatch(/newsletter/);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.cases).toHaveLength(1);
    const exported = data.cases[0];
    expect(exported.reference).toBe(world.theCase.reference);
    expect(exported.receipts[0].number).toBe(world.number);
    expect(exported.receipts[0].statusHistory[0].titleEn).toBe(`Case Was Received ${marker}`);
    expect(exported.questionnaires[0].answers.map((a: { value: unknown }) => a.value).sort()).toEqual([`ANSWER-${marker}`, `SENSITIVE-${marker}`]);
    expect(exported.questionnaires[0].answerHistory.map((r: { value: unknown; changedBy: string }) => [r.value, r.changedBy]).sort()).toEqual([
      [`EARLIER-${marker}`, "you"],
      [`SENSITIVE-OLD-${marker}`, "you"],
    ]);
    // Decrypted for the person: no ciphertext envelope reaches the download.
    expect(json).not.toContain("$enc");
    expect(JSON.stringify(await prisma.answer.findMany({ where: { questionnaireId: world.questionnaire.id } }))).not.toContain(`SENSITIVE-${marker}`);
    expect(exported.notes.map((n: { body: string }) => n.body)).toEqual([`CLIENT-NOTE-${marker}`]);
    expect(exported.events.map((e: { summary: string }) => e.summary)).toEqual([`VISIBLE-EVENT-${marker}`]);
    expect(exported.expiries[0].label).toBe(`EXPIRY-${marker}`);
    expect(exported.documents).toEqual([expect.objectContaining({ file: documentPath, filename: `scan-${marker}.pdf`, contentType: "application/pdf" })]);
    expect(exported.messageThreads[0].subject).toBe(`SUBJECT-${marker}`);
    expect(exported.messageThreads[0].messages.map((m: { body: string }) => m.body)).toEqual([`CLIENT-MESSAGE-${marker}`]);
    expect(exported.tasks.map((t: { title: string }) => t.title)).toEqual([`APPOINTMENT-${marker}`]);
    expect(data.statusSubscriptions).toEqual([expect.objectContaining({ receiptNumber: world.number, state: "CONFIRMED" })]);
    expect(data.messageBoards.threads[0].title).toBe(`THREAD-${marker}`);
    expect(data.messageBoards.posts[0].body).toBe(`POST-BODY-${marker}`);
    expect(data.messageBoards.posts[0].earlierVersions[0].body).toBe(`POST-EARLIER-${marker}`);

    // Nothing staff-only and nothing of the other applicant (whose case has the same attorney and receipt followers).
    for (const secret of [`STAFF-ONLY-${marker}`, `INTERNAL-EVENT-${marker}`, `INTERNAL-MESSAGE-${marker}`, `TASK-NOTES-${marker}`, `STAFF-TASK-${marker}`, `OTHER${marker}`, other.email, attorney.email]) {
      expect(json).not.toContain(secret);
    }
    expect(Object.keys(files).some((f) => f.includes(`OTHER${marker}`))).toBe(false);
    expect(json).not.toMatch(/passwordHash|totpSecret|tokenHash|codeHash|argon2/);

    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.login", "privacy.export.authorise", "privacy.export"]));
    expect(await prisma.auditLog.count({ where: { actorId: applicant.id, action: "privacy.export" } })).toBeGreaterThan(0);
  });

  it("makes a link that works once, only for the account that asked", async () => {
    const asked = await requestExport(cookie, { password: TEST_PASSWORD });
    const otherCookie = await logIn(other.email);
    expect((await get(asked.link!, otherCookie)).status).toBe(404);
    expect((await download(cookie, asked.link!)).status).toBe(200);
    expect((await get(asked.link!, cookie)).status).toBe(404);
  });

  it("asks staff for a two-factor code, takes each code once, and exports their account, not clients' cases", async () => {
    const staffCookie = await logIn(attorney.email);
    const noCode = await requestExport(staffCookie, { password: TEST_PASSWORD });
    expect(noCode.status).toBe(400);
    expect(noCode.html).toContain("Enter the 6-digit code");
    const code = await freshTotpCode(attorney.email);
    const first = await requestExport(staffCookie, { password: TEST_PASSWORD, code });
    expect(first.link).toBeTruthy();
    const replay = await requestExport(staffCookie, { password: TEST_PASSWORD, code });
    expect(replay.status).toBe(400);
    expect(replay.link).toBeNull();
    const { data, json } = (await download(staffCookie, first.link!)).archive!;
    expect(data.account.email).toBe(attorney.email);
    expect(data.twoFactor.enabled).toBe(true);
    expect(data.cases).toEqual([]);
    for (const clientData of [world.theCase.reference, `STAFF-ONLY-${marker}`, `CLIENT-NOTE-${marker}`, `ANSWER-${marker}`, applicant.email]) expect(json).not.toContain(clientData);
  });
});

/** What a deletion leaves, straight from the database. */
async function remains(userId: string) {
  const [user] = await prisma.$queryRaw<{ email: string; name: string; passwordHash: string | null; totpSecret: string | null; boardName: string | null; marketingOptInAt: Date | null }[]>`
    SELECT "email", "name", "passwordHash", "totpSecret", "boardName", "marketingOptInAt" FROM "User" WHERE "id" = ${userId}`;
  const [counts] = await prisma.$queryRaw<Record<string, bigint>[]>`
    SELECT
      (SELECT count(*) FROM "Session" WHERE "userId" = ${userId}) AS sessions,
      (SELECT count(*) FROM "KnownDevice" WHERE "userId" = ${userId}) AS devices,
      (SELECT count(*) FROM "OneTimeToken" WHERE "userId" = ${userId}) AS tokens,
      (SELECT count(*) FROM "Case" WHERE "applicantId" = ${userId}) AS cases,
      (SELECT count(*) FROM "BoardPostRevision" r JOIN "BoardPost" p ON p."id" = r."postId" WHERE p."authorId" = ${userId}) AS revisions,
      (SELECT count(*) FROM "BoardThreadSubscription" WHERE "userId" = ${userId}) AS follows,
      (SELECT count(*) FROM "AuditLog" WHERE "actorId" = ${userId} AND "ip" IS NOT NULL) AS "auditWithIp",
      (SELECT count(*) FROM "AuditLog" WHERE "actorId" = ${userId} AND "action" = 'account.delete') AS "deletionAudit"`;
  const posts = await prisma.$queryRaw<{ body: string }[]>`SELECT "body" FROM "BoardPost" WHERE "authorId" = ${userId}`;
  const [deletion] = await prisma.$queryRaw<{ heldCaseIds: string[] }[]>`SELECT "heldCaseIds" FROM "AccountDeletion" WHERE "userId" = ${userId}`;
  return { user: user!, counts: Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)])), posts: posts.map((p) => p.body), deletion };
}

async function deletionPage(cookie: string) {
  const res = await get("/settings/privacy", cookie);
  const html = await res.text();
  return { status: res.status, html: text(html), heldCases: /name="heldCases" value="([^"]*)"/.exec(html)?.[1] ?? null };
}

function requestDeletion(cookie: string, fields: Record<string, string>) {
  return postForm("/settings/privacy", { intent: "delete", password: TEST_PASSWORD, confirm: "on", heldCases: "", ...fields }, cookie);
}

async function confirmationEmail(userId: string, to: string) {
  await dispatchPending({ dedupePrefix: `account-deleted:${userId}` });
  return prisma.outboxEmail.findMany({ where: { to, subject: "Your Passage account was deleted" } });
}

async function cannotLogIn(email: string) {
  const res = await postForm("/login", { email, password: TEST_PASSWORD });
  expect([400, 401]).toContain(res.status);
  expect(res.headers.getSetCookie()).toEqual([]);
}

describe("deleting one's account", () => {
  it("without legal hold: personal data goes, board posts stay without text, audit rows stay without addresses", async () => {
    const marker = randomUUID().slice(0, 8).toUpperCase();
    const [person, attorney, paralegal] = await Promise.all([createUser({ name: `Del Eted ${marker}` }), createUser({ role: "ATTORNEY" }), createUser({ role: "PARALEGAL" })]);
    const closed = await richCase(person.id, { id: attorney.id, role: "ATTORNEY" }, marker);
    await prisma.case.update({ where: { id: closed.theCase.id }, data: { status: "CLOSED" } });
    // Open, but no attorney yet: no client file the firm must keep.
    const intake = await createCase({ applicantId: person.id, assignees: [paralegal] });
    const board = await boardPostBy(person.id, marker);
    await prisma.boardThreadSubscription.create({ data: { threadId: board.threadId, userId: person.id } });
    await prisma.statusSubscription.create({ data: { email: person.email, ...receiptColumns("StatusSubscription", closed.number), state: "CONFIRMED", confirmedAt: new Date() } });
    await prisma.user.update({ where: { id: person.id }, data: { marketingOptInAt: new Date() } });
    const cookie = await logIn(person.email);

    const page = await deletionPage(cookie);
    expect(page.html).toContain("Deleting your account cannot be undone");
    expect(page.html).not.toContain("Cases the firm must keep");
    expect(page.html).toContain(closed.theCase.reference);
    expect(page.html).toContain(intake.reference);
    expect(page.heldCases).toBe("");

    const unconfirmed = await requestDeletion(cookie, { confirm: "" });
    expect(unconfirmed.status).toBe(400);
    const wrongPassword = await requestDeletion(cookie, { password: "not the password at all" });
    expect(wrongPassword.status).toBe(400);
    expect(text(await wrongPassword.text())).toContain("That password is not correct");
    expect((await remains(person.id)).user.passwordHash).not.toBeNull();

    const res = await requestDeletion(cookie, {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/privacy?deleted=1");
    for (const name of ["__passage_session", "__passage_device"]) {
      expect(res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    }

    const left = await remains(person.id);
    expect(left.user).toEqual({ email: `deleted-${person.id}@deleted.invalid`, name: "Deleted member", passwordHash: null, totpSecret: null, boardName: "Deleted member", marketingOptInAt: null });
    expect(left.counts).toEqual({ sessions: 0, devices: 0, tokens: 0, cases: 0, revisions: 0, follows: 0, auditWithIp: 0, deletionAudit: 1 });
    expect(left.posts).toEqual(["*This post was removed when its author deleted their account.*"]);
    expect(left.deletion).toEqual({ heldCaseIds: [] });
    const [gone] = await prisma.$queryRaw<{ answers: bigint; subscriptions: bigint; tracked: bigint; notes: bigint }[]>`
      SELECT (SELECT count(*) FROM "Answer" WHERE "questionnaireId" = ${closed.questionnaire.id}) AS answers,
             (SELECT count(*) FROM "StatusSubscription" WHERE "email" = ${person.email}) AS subscriptions,
             (SELECT count(*) FROM "TrackedReceipt" WHERE "receiptKey" = ${receiptKey(closed.number)}) AS tracked,
             (SELECT count(*) FROM "CaseNote" WHERE "caseId" = ${closed.theCase.id}) AS notes`;
    expect(gone).toEqual({ answers: 0n, subscriptions: 0n, tracked: 0n, notes: 0n });
    expect(await prisma.caseDocument.count({ where: { id: closed.document.id } })).toBe(0);
    expect(await getStorage().exists(closed.document.storageKey)).toBe(false);
    // The thread others may have replied to stays, shown as by "Deleted member".
    expect(await prisma.boardThread.count({ where: { id: board.threadId } })).toBe(1);

    await cannotLogIn(person.email);
    expect((await get("/settings/privacy", cookie)).status).toBe(302);

    const mails = await confirmationEmail(person.id, person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`Hello Del Eted ${marker}`);
    expect(mails[0]!.text).toContain("2 cases were deleted");
    expect(await prisma.emailDelivery.count({ where: { to: person.email, kind: { not: "account-deleted" } } })).toBe(0);

    // The address is free again.
    const again = await postForm("/register", { name: "New Me", email: person.email, password: "a brand new long password", confirmPassword: "a brand new long password" });
    expect(again.status).toBe(302);
  });

  it("with legal hold: explains it first, keeps the open case whole and removes the login", async () => {
    const marker = randomUUID().slice(0, 8).toUpperCase();
    const [person, attorney] = await Promise.all([createUser({ name: `Held Client ${marker}`, twoFactor: true }), createUser({ role: "ATTORNEY", name: `Attorney ${marker}` })]);
    const open = await richCase(person.id, { id: attorney.id, role: "ATTORNEY" }, marker);
    const cookie = await logIn(person.email);

    const page = await deletionPage(cookie);
    expect(page.html).toContain("Cases the firm must keep");
    expect(page.html).toContain(`${open.theCase.reference}: Petition ${marker} (attorney: Attorney ${marker})`);
    expect(page.heldCases).toBe(open.theCase.id);

    // The page shown without the hold (or a stale one) does not delete: the hold must be explained first.
    const stale = await requestDeletion(cookie, { code: await freshTotpCode(person.email), heldCases: "" });
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain("has changed since you opened this page");
    const noCode = await requestDeletion(cookie, { heldCases: page.heldCases! });
    expect(noCode.status).toBe(400);

    const res = await requestDeletion(cookie, { code: await freshTotpCode(person.email), heldCases: page.heldCases! });
    expect(res.status).toBe(302);

    const left = await remains(person.id);
    expect(left.user).toMatchObject({ email: person.email, name: `Held Client ${marker}`, passwordHash: null, totpSecret: null, boardName: "Deleted member" });
    expect(left.counts).toMatchObject({ sessions: 0, cases: 1, auditWithIp: 0, deletionAudit: 1 });
    expect(left.deletion).toEqual({ heldCaseIds: [open.theCase.id] });
    const [kept] = await prisma.$queryRaw<{ answers: bigint; revisions: bigint; notes: bigint; receipts: bigint; holdEvent: bigint; holdAudit: bigint }[]>`
      SELECT (SELECT count(*) FROM "Answer" WHERE "questionnaireId" = ${open.questionnaire.id}) AS answers,
             (SELECT count(*) FROM "AnswerRevision" WHERE "questionnaireId" = ${open.questionnaire.id}) AS revisions,
             (SELECT count(*) FROM "CaseNote" WHERE "caseId" = ${open.theCase.id}) AS notes,
             (SELECT count(*) FROM "ReceiptNumber" WHERE "caseId" = ${open.theCase.id}) AS receipts,
             (SELECT count(*) FROM "CaseEvent" WHERE "caseId" = ${open.theCase.id} AND "kind" = 'account-deleted' AND NOT "clientVisible") AS "holdEvent",
             (SELECT count(*) FROM "AuditLog" WHERE "caseId" = ${open.theCase.id} AND "action" = 'privacy.legal-hold') AS "holdAudit"`;
    expect(kept).toEqual({ answers: 2n, revisions: 2n, notes: 2n, receipts: 1n, holdEvent: 1n, holdAudit: 1n });
    expect(await prisma.message.count({ where: { thread: { caseId: open.theCase.id } } })).toBe(2);
    expect(await getStorage().exists(open.document.storageKey)).toBe(true);

    await cannotLogIn(person.email);
    const mails = await confirmationEmail(person.id, person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(open.theCase.reference);
    expect(mails[0]!.text).toContain("The law firm must keep the file");
  });

  it("refuses staff assigned to an open case until an admin reassigns them", async () => {
    const [attorney, applicant] = await Promise.all([createUser({ role: "ATTORNEY" }), createUser()]);
    const theCase = await createCase({ applicantId: applicant.id, assignees: [attorney] });
    const cookie = await logIn(attorney.email);
    const page = await deletionPage(cookie);
    expect(page.html).toContain("Ask an administrator to reassign them");
    expect(page.html).toContain(theCase.reference);
    const res = await requestDeletion(cookie, { code: await freshTotpCode(attorney.email) });
    expect(res.status).toBe(409);
    expect((await remains(attorney.id)).user.passwordHash).not.toBeNull();

    await prisma.case.update({ where: { id: theCase.id }, data: { status: "APPROVED" } });
    const done = await requestDeletion(cookie, { code: await freshTotpCode(attorney.email) });
    expect(done.status).toBe(302);
    const left = await remains(attorney.id);
    // A staff member's name stays on the firm's work records; the address and the login go.
    expect(left.user).toMatchObject({ email: `deleted-${attorney.id}@deleted.invalid`, name: attorney.name, passwordHash: null });
    expect(await prisma.caseAssignment.count({ where: { userId: attorney.id } })).toBe(1);
  });
});

describe("the last administrator", () => {
  // A database of its own: the shared one holds admins of every other test file.
  let server: ChildServer;
  let db: PrismaClient;
  let url: string;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase("passage_privacy");
    url = scratch.url;
    await migrateDatabase(url);
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    server = await startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: url } });
  }, 180_000);

  afterAll(async () => {
    server?.stop();
    await db?.$disconnect();
    await scratch?.drop();
  });

  const passwordHash = hashPassword(TEST_PASSWORD);
  async function makeAdmin(label: string) {
    return db.user.create({
      data: { email: `${label}-${randomUUID().slice(0, 6)}@example.test`, name: label, role: "ADMIN", passwordHash: await passwordHash, emailVerifiedAt: new Date(), totpSecret: encryptTotpSecret(TEST_TOTP_SECRET), totpEnabledAt: new Date() },
    });
  }
  async function code(email: string) {
    await db.user.update({ where: { email }, data: { totpLastUsedStep: null } });
    return totpCode(TEST_TOTP_SECRET);
  }
  async function post(path: string, fields: Record<string, string>, cookie?: string) {
    return fetch(`${server.url}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) }, body: new URLSearchParams(fields) });
  }
  async function signIn(email: string) {
    const first = await post("/login", { email, password: TEST_PASSWORD });
    const pending = first.headers.getSetCookie().find((c) => c.startsWith("__passage_2fa="))!.split(";")[0]!;
    const second = await post("/login/two-factor", { code: await code(email) }, pending);
    return second.headers.getSetCookie().find((c) => c.startsWith("__passage_session="))!.split(";")[0]!;
  }
  const deleteAs = async (email: string, cookie: string) => post("/settings/privacy", { intent: "delete", password: TEST_PASSWORD, code: await code(email), confirm: "on", heldCases: "" }, cookie);

  it("cannot delete their account; once another admin exists, they can, and then the other is the last", async () => {
    const first = await makeAdmin("first-admin");
    const firstCookie = await signIn(first.email);
    const page = text(await (await fetch(`${server.url}/settings/privacy`, { headers: { Cookie: firstCookie } })).text());
    expect(page).toContain("You are the only administrator");

    const refused = await deleteAs(first.email, firstCookie);
    expect(refused.status).toBe(409);
    expect(text(await refused.text())).toContain("You are the only administrator");
    expect((await db.user.findUniqueOrThrow({ where: { id: first.id } })).passwordHash).not.toBeNull();

    const second = await makeAdmin("second-admin");
    const secondCookie = await signIn(second.email);
    expect((await deleteAs(first.email, firstCookie)).status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: first.id } })).passwordHash).toBeNull();
    expect((await deleteAs(second.email, secondCookie)).status).toBe(409);
  });
});

describe("cookies", () => {
  const essential = new Set(ESSENTIAL_COOKIES.map((c) => c.name));

  it("a fresh visit sets no cookie at all and shows the notice", async () => {
    for (const path of ["/", "/privacy", "/login", "/register", "/boards", "/status", "/forgot-password"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.getSetCookie(), path).toEqual([]);
      const html = text(await res.text());
      expect(html, path).toContain("Passage sets only essential cookies");
      expect(html, path).toContain('href="/privacy"');
    }
  });

  it("hiding the notice sets one preference cookie that holds no identifier, and the notice stays away", async () => {
    const res = await postForm("/privacy", { intent: "hide-cookie-notice", redirectTo: "/boards" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/boards");
    const [cookie, ...others] = res.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(cookie).toMatch(/^__passage_cookie_notice=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const again = await postForm("/privacy", { intent: "hide-cookie-notice", redirectTo: "/" });
    // The same value for everyone: nothing in it tells one browser from another.
    expect(again.headers.getSetCookie()[0]!.split(";")[0]).toBe(cookie!.split(";")[0]);
    const page = await get("/", cookie!.split(";")[0]);
    expect(text(await page.text())).not.toContain("Passage sets only essential cookies");
    expect((await postForm("/privacy", { intent: "something else" })).status).toBe(400);
    expect((await postForm("/privacy", { intent: "hide-cookie-notice", redirectTo: "//evil.example" })).headers.get("location")).toBe("/");
  });

  it("signing in sets only essential cookies", async () => {
    const user = await createUser({ role: "ATTORNEY" });
    const first = await postForm("/login", { email: user.email, password: TEST_PASSWORD });
    const second = await postForm("/login/two-factor", { code: await freshTotpCode(user.email) }, first.headers.getSetCookie()[0]!.split(";")[0]);
    const names = [...first.headers.getSetCookie(), ...second.headers.getSetCookie()].map((c) => c.split("=")[0]!);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !essential.has(n))).toEqual([]);
  });

  describe.skipIf(!hasChromium)("in the browser", () => {
    const { newPerson } = useBrowser();

    it("a first visit stores nothing; hiding the notice stores only the notice cookie, without leaving the page", async () => {
      const { page, context } = await newPerson();
      await page.goto("/boards");
      await page.goto("/status");
      await visible(page.getByRole("complementary", { name: "Cookie notice" }));
      expect(await context.cookies()).toEqual([]);
      expect(await page.evaluate(() => [document.cookie, localStorage.length])).toEqual(["", 0]);
      // Only the framework's scroll positions and route-list version, described on /privacy; never sent to the server.
      const stored = await page.evaluate(() => Object.keys(sessionStorage));
      expect(stored.filter((key) => !SESSION_STORAGE_KEYS.includes(key))).toEqual([]);

      await page.getByRole("textbox").first().fill("typed before hiding");
      await page.getByRole("button", { name: "Hide this notice" }).click();
      await page.getByRole("complementary", { name: "Cookie notice" }).waitFor({ state: "detached" });
      expect(new URL(page.url()).pathname).toBe("/status");
      await expect.poll(() => page.getByRole("textbox").first().inputValue()).toBe("typed before hiding");
      // The notice goes as soon as the request starts; the cookie arrives with its answer.
      await expect.poll(async () => (await context.cookies()).map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([["__passage_cookie_notice", true, "Lax"]]);
      await page.reload();
      await visible(page.getByRole("heading").first());
      expect(await page.getByRole("complementary", { name: "Cookie notice" }).count()).toBe(0);
      await page.getByRole("link", { name: "Privacy", exact: true }).click();
      await visible(page.getByRole("heading", { name: "Cookies" }));
    });

    it("downloads one's data from the Your data page", async () => {
      const person = await newPerson({ acceptDownloads: true });
      const user = await createUser({ name: "Browser Download" });
      await logInThroughForm(person.page, user.email);
      await person.page.getByRole("link", { name: "Your data" }).click();
      await visible(person.page.getByRole("heading", { name: "Download your data" }));
      const form = person.page.locator("#export-data");
      await form.getByLabel("Your password").fill("not the password at all");
      await form.getByRole("button", { name: "Prepare my download" }).click();
      await visible(form.getByText("That password is not correct"));
      await form.getByLabel("Your password").fill(TEST_PASSWORD);
      await form.getByRole("button", { name: "Prepare my download" }).click();
      const [file] = await Promise.all([person.page.waitForEvent("download"), person.page.getByRole("link", { name: "Download my data (ZIP)" }).click()]);
      expect(file.suggestedFilename()).toMatch(/^passage-data-\d{4}-\d{2}-\d{2}\.zip$/);
      const bytes = await import("node:fs/promises").then((fs) => file.path().then((p) => fs.readFile(p)));
      expect(JSON.parse(strFromU8(unzipSync(new Uint8Array(bytes))["passage-data.json"]!)).account.email).toBe(user.email);
      expect(unexpectedErrors(person, [400])).toEqual([]);
    });
  });
});

describe("the privacy page", () => {
  it("describes every table and every cookie, and links people to their data", async () => {
    const res = await get("/privacy");
    const html = text(await res.text());
    for (const model of Object.keys(DATA_INVENTORY)) expect(html).toContain(`(table ${model})`);
    for (const cookie of ESSENTIAL_COOKIES) expect(html).toContain(cookie.name);
    expect(html).toContain("Sign in, then open");
    const user = await createUser();
    const signedIn = text(await (await get("/privacy", await logIn(user.email))).text());
    expect(signedIn).toContain('href="/settings/privacy"');
  });

  it("confirms a deletion to the person who just left", async () => {
    expect(text(await (await get("/privacy?deleted=1")).text())).toContain("Your account was deleted");
  });
});
