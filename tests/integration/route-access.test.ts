/**
 * Every route module must appear here. Case-data routes are tried as the case's applicant, another
 * applicant, an unassigned attorney, the assigned attorney, the assigned paralegal and an admin, and
 * each must get the data exactly when expected. Adding a route without an entry fails this file.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "~/db.server";
import { createCaseWorld } from "../support/factories";
import { getTemplate } from "~/questionnaires/templates";
import { baseUrl, get, logIn, postForm } from "../support/http";
import { Readable } from "node:stream";
import sharp from "sharp";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";

type World = Awaited<ReturnType<typeof createCaseWorld>> & { questionnaireId: string; sectionKey: string; textKey: string };
type Who = "applicant" | "otherApplicant" | "unassigned" | "assigned" | "paralegal" | "admin";
const EVERYONE: Who[] = ["applicant", "otherApplicant", "unassigned", "assigned", "paralegal", "admin"];

type Probe = {
  name: string;
  /** Sends the request as the given user and reports whether case data was returned or changed. */
  run: (world: World, cookie: string) => Promise<{ status: number; gotData: boolean }>;
  allowed: Who[];
  /** The status everyone else must get. */
  deniedStatus: number[];
};

type RouteEntry = { kind: "case-data"; probes: Probe[] } | { kind: "not-case-data"; why: string };

const readCase: (pathFor: (w: World) => string) => Probe["run"] = (pathFor) => async (world, cookie) => {
  const res = await get(pathFor(world), cookie);
  const body = await res.text();
  // The title is never echoed back from the request (a searched reference is), so finding it means the case was served.
  return { status: res.status, gotData: res.status === 200 && body.includes(world.theCase.title) };
};

const readQuestionnaire: (pathFor: (w: World) => string, marker: (w: World) => string) => Probe["run"] = (pathFor, marker) => async (world, cookie) => {
  const res = await get(pathFor(world), cookie);
  const body = await res.text();
  return { status: res.status, gotData: res.status === 200 && body.includes(marker(world)) };
};

const SEES_CASE: Who[] = ["applicant", "assigned", "paralegal", "admin"];

/** A deadline on the world's case assigned to its attorney (deadline probes delete it again). */
function probeTask(world: World, data: { clientVisible?: boolean; dueDay?: Date } = {}) {
  return prisma.caseTask.create({
    data: { caseId: world.theCase.id, kind: "TASK", title: `probe task ${randomUUID()}`, dueDay: new Date("2035-01-01"), timeZone: "America/New_York", assigneeId: world.assigned.id, ...data },
  });
}
const STAFF_ON_CASE: Who[] = ["assigned", "paralegal", "admin"];

/** A conversation on the world's case with one message both sides may see (messages probes). */
async function probeThread(world: World) {
  const thread = await prisma.messageThread.create({
    data: { caseId: world.theCase.id, subject: "Probe conversation", messages: { create: { authorId: world.assigned.id, fromClient: false, body: `probe message ${randomUUID()}` } } },
    include: { messages: true },
  });
  return { threadId: thread.id, marker: thread.messages[0]!.body };
}

const ROUTES: Record<string, RouteEntry> = {
  "deadlines_.settings.tsx": { kind: "not-case-data", why: "own deadline reminder setting and calendar feed address (tested in deadlines-feed.test.ts)" },
  "deadlines.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "deadlines across cases",
        run: async (world, cookie) => {
          const task = await probeTask(world, { clientVisible: true, dueDay: new Date(Date.now() + 5 * 86_400_000) });
          const res = await get("/deadlines?scope=all", cookie);
          const body = await res.text();
          await prisma.caseTask.delete({ where: { id: task.id } });
          return { status: res.status, gotData: res.status === 200 && body.includes(`data-task-id="${task.id}"`) };
        },
        allowed: SEES_CASE,
        deniedStatus: [200],
      },
    ],
  },
  "deadlines_.feed.$token[.ics].tsx": {
    kind: "case-data",
    probes: [
      {
        name: "calendar feed",
        run: async (world, cookie) => {
          const made = await postForm("/deadlines/settings", { intent: "feed-create" }, cookie);
          const feed = /(\/deadlines\/feed\/[\w-]{43}\.ics)/.exec(await made.text())?.[1];
          if (!feed) return { status: made.status, gotData: false };
          const task = await probeTask(world, { clientVisible: true });
          const res = await get(`${feed}?scope=all`);
          const body = await res.text();
          await prisma.caseTask.delete({ where: { id: task.id } });
          return { status: res.status, gotData: res.status === 200 && body.includes(`task-${task.id}@`) };
        },
        allowed: SEES_CASE,
        deniedStatus: [200],
      },
    ],
  },
  "cases.$caseId_.tasks.tsx": {
    kind: "case-data",
    probes: [
      { name: "deadlines and tasks", run: readCase((w) => `/cases/${w.theCase.id}/tasks`), allowed: SEES_CASE, deniedStatus: [404] },
      {
        name: "add a deadline",
        run: async (world, cookie) => {
          const title = `probe ${randomUUID().slice(0, 8)}`;
          const res = await postForm(`/cases/${world.theCase.id}/tasks`, { intent: "create", kind: "OTHER_DEADLINE", title, dueMode: "day", dueDate: "2035-01-01", assigneeId: world.assigned.id }, cookie);
          const written = await prisma.caseTask.deleteMany({ where: { caseId: world.theCase.id, title } });
          return { status: res.status, gotData: written.count === 1 };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
      {
        name: "mark a deadline done",
        run: async (world, cookie) => {
          const task = await probeTask(world);
          const res = await postForm(`/cases/${world.theCase.id}/tasks`, { intent: "complete", taskId: task.id }, cookie);
          const after = await prisma.caseTask.delete({ where: { id: task.id } });
          return { status: res.status, gotData: after.status === "DONE" };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.tasks_.$taskId.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "edit page",
        run: async (world, cookie) => {
          const task = await probeTask(world);
          const res = await get(`/cases/${world.theCase.id}/tasks/${task.id}`, cookie);
          const body = await res.text();
          await prisma.caseTask.delete({ where: { id: task.id } });
          return { status: res.status, gotData: res.status === 200 && body.includes(task.title) };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
      {
        name: "edit a deadline",
        run: async (world, cookie) => {
          const task = await probeTask(world);
          const title = `probe edited ${randomUUID().slice(0, 8)}`;
          const res = await postForm(`/cases/${world.theCase.id}/tasks/${task.id}`, { intent: "update", kind: "TASK", title, dueMode: "day", dueDate: "2035-02-01", assigneeId: world.assigned.id }, cookie);
          const after = await prisma.caseTask.delete({ where: { id: task.id } });
          return { status: res.status, gotData: after.title === title };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.tasks[.ics].tsx": {
    kind: "case-data",
    probes: [
      {
        name: "case calendar download",
        run: async (world, cookie) => {
          const task = await probeTask(world, { clientVisible: true });
          const res = await get(`/cases/${world.theCase.id}/tasks.ics`, cookie);
          const body = await res.text();
          await prisma.caseTask.delete({ where: { id: task.id } });
          return { status: res.status, gotData: res.status === 200 && body.includes(`task-${task.id}@`) };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "_index.tsx": { kind: "not-case-data", why: "public landing page" },
  "register.tsx": { kind: "not-case-data", why: "account creation" },
  "login.tsx": { kind: "not-case-data", why: "authentication" },
  "logout.tsx": { kind: "not-case-data", why: "authentication" },
  "verify-email.tsx": { kind: "not-case-data", why: "account email confirmation" },
  "forgot-password.tsx": { kind: "not-case-data", why: "account recovery" },
  "reset-password.tsx": { kind: "not-case-data", why: "account recovery" },
  "accept-invite.tsx": { kind: "not-case-data", why: "staff onboarding" },
  "settings.password.tsx": { kind: "not-case-data", why: "own account settings" },
  "settings.two-factor.tsx": { kind: "not-case-data", why: "own two-factor settings (tested in two-factor.test.ts)" },
  "settings.sessions.tsx": { kind: "not-case-data", why: "own sessions: list and sign out (tested in sessions.test.ts)" },
  "login_.two-factor.tsx": { kind: "not-case-data", why: "authentication: second login step (tested in two-factor.test.ts)" },
  "boards._index.tsx": { kind: "not-case-data", why: "public message boards (tested in boards.test.ts)" },
  "boards.$category.tsx": { kind: "not-case-data", why: "public message boards (tested in boards.test.ts)" },
  "boards.$category_.new.tsx": { kind: "not-case-data", why: "public message boards: verified members post (tested in boards.test.ts)" },
  "boards.t.$threadId.($slug).tsx": { kind: "not-case-data", why: "public message boards (tested in boards.test.ts)" },
  "boards.posts.$postId.edit.tsx": { kind: "not-case-data", why: "public message boards: authors and moderators edit (tested in boards.test.ts)" },
  "boards.posts.$postId.history.tsx": { kind: "not-case-data", why: "public message boards (tested in boards.test.ts)" },
  "boards.search.tsx": { kind: "not-case-data", why: "public message boards (tested in boards.test.ts)" },
  "boards.posts.$postId.report.tsx": { kind: "not-case-data", why: "public message boards: verified members report posts (tested in board-moderation.test.ts)" },
  "boards.moderation.tsx": { kind: "not-case-data", why: "public message boards: moderation queue, moderators only (tested in board-moderation.test.ts)" },
  "boards.moderation_.threads.$threadId.tsx": { kind: "not-case-data", why: "public message boards: lock and move threads, moderators only (tested in board-moderation.test.ts)" },
  "settings.notifications.tsx": { kind: "not-case-data", why: "own account settings (tested in reminders.test.ts)" },
  "settings.board-profile.tsx": { kind: "not-case-data", why: "own board display name (tested in boards.test.ts)" },
  "status._index.tsx": { kind: "not-case-data", why: "public status alert sign-up (tested in status-subscriptions.test.ts)" },
  "status.confirm.$token.tsx": { kind: "not-case-data", why: "public subscription confirmation by emailed token (tested in status-subscriptions.test.ts)" },
  "status.manage.$token.tsx": { kind: "not-case-data", why: "a subscriber's own alerts by signed emailed link (tested in status-subscriptions.test.ts)" },
  "unsubscribe.$token.tsx": { kind: "not-case-data", why: "signed one-click unsubscribe link (tested in status-subscriptions.test.ts)" },
  "privacy.tsx": { kind: "not-case-data", why: "public privacy page and hiding the cookie notice (tested in privacy.test.ts)" },
  "settings.privacy.tsx": {
    kind: "case-data",
    probes: [
      // The deletion explanation names the person's own cases: held ones for the applicant, open assignments for staff.
      { name: "deletion explanation", run: readCase(() => "/settings/privacy"), allowed: ["applicant", "assigned", "paralegal"], deniedStatus: [200] },
    ],
  },
  "settings.privacy_.export.$token.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "download of one's own data",
        run: async (world, cookie) => {
          const { sessionCookie, sessionIdFor } = await import("~/auth/session.server");
          const { freshTotpCode } = await import("../support/http");
          const { TEST_PASSWORD } = await import("../support/factories");
          const { unzipSync, strFromU8 } = await import("fflate");
          const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionIdFor(await sessionCookie.parse(cookie)) }, select: { user: { select: { email: true, totpEnabledAt: true } } } });
          const fields: Record<string, string> = { intent: "export", password: TEST_PASSWORD };
          if (session.user.totpEnabledAt) fields.code = await freshTotpCode(session.user.email);
          const asked = await postForm("/settings/privacy", fields, cookie);
          const link = /href="(\/settings\/privacy\/export\/[\w-]+)"/.exec(await asked.text())?.[1];
          if (!link) return { status: asked.status, gotData: false };
          const res = await get(link, cookie);
          if (res.status !== 200) return { status: res.status, gotData: false };
          const json = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))["passage-data.json"]!);
          return { status: res.status, gotData: json.includes(world.theCase.title) };
        },
        allowed: ["applicant"],
        deniedStatus: [200],
      },
    ],
  },
  "cases.$caseId_.status.tsx": {
    kind: "case-data",
    probes: [
      { name: "status timeline", run: readCase((w) => `/cases/${w.theCase.id}/status`), allowed: SEES_CASE, deniedStatus: [404] },
      {
        name: "enter a status by hand",
        run: async (world, cookie) => {
          const number = `NBC${String(Math.floor(Math.random() * 1e10)).padStart(10, "0")}`;
          await prisma.receiptNumber.create({ data: { caseId: world.theCase.id, ...receiptColumns("ReceiptNumber", number), formType: "I-485" } });
          const res = await postForm(`/cases/${world.theCase.id}/status`, { intent: "manual", receiptNumber: number, title: "Case Was Received", description: "", modifiedDate: "2026-11-01" }, cookie);
          const written = await prisma.statusObservation.count({ where: { receiptKey: receiptKey(number) } });
          await prisma.receiptNumber.deleteMany({ where: { receiptKey: receiptKey(number) } });
          return { status: res.status, gotData: written === 1 };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.photo.tsx": {
    kind: "case-data",
    probes: [
      { name: "ID photo page", run: readCase((w) => `/cases/${w.theCase.id}/photo`), allowed: SEES_CASE, deniedStatus: [404] },
      {
        name: "file an ID photo",
        run: async (world, cookie) => {
          const working = await sharp({ create: { width: 600, height: 800, channels: 3, background: "#f0f0f0" } }).jpeg().toBuffer();
          const form = new FormData();
          for (const [name, value] of Object.entries({ intent: "save", working: working.toString("base64"), zoom: "1", centerX: "50", centerY: "50" })) form.append(name, value);
          const before = await prisma.caseDocument.count({ where: { caseId: world.theCase.id, filename: "passport-photo-2x2.jpg" } });
          const res = await fetch(`${baseUrl()}/cases/${world.theCase.id}/photo`, { method: "POST", redirect: "manual", headers: { Cookie: cookie }, body: form });
          const after = await prisma.caseDocument.count({ where: { caseId: world.theCase.id, filename: "passport-photo-2x2.jpg" } });
          return { status: res.status, gotData: after === before + 1 };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.photo_.print[.jpg].tsx": {
    kind: "case-data",
    probes: [
      {
        name: "ID photo print sheet",
        run: async (world, cookie) => {
          const { PASSPORT_PHOTO_ITEM_KEY, storeCaseDocument } = await import("~/documents/documents.server");
          const photo = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#f0f0f0" } }).jpeg().toBuffer();
          await storeCaseDocument({ caseId: world.theCase.id, itemKey: PASSPORT_PHOTO_ITEM_KEY, uploadedBy: world.admin, actor: { id: world.admin.id, ip: "test" }, filename: "passport-photo-2x2.jpg", stream: Readable.from([photo]) });
          const res = await get(`/cases/${world.theCase.id}/photo/print.jpg`, cookie);
          const body = Buffer.from(await res.arrayBuffer());
          return { status: res.status, gotData: res.status === 200 && body[0] === 0xff && body[1] === 0xd8 };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.expirations.tsx": {
    kind: "case-data",
    probes: [
      { name: "expiration dates", run: readCase((w) => `/cases/${w.theCase.id}/expirations`), allowed: SEES_CASE, deniedStatus: [404] },
      {
        name: "record a date",
        run: async (world, cookie) => {
          const label = `probe ${randomUUID().slice(0, 8)}`;
          const res = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "add", kind: "OTHER", label, expiresOn: "2035-01-01" }, cookie);
          const written = await prisma.caseExpiry.deleteMany({ where: { caseId: world.theCase.id, label } });
          return { status: res.status, gotData: written.count === 1 };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.documents.tsx": {
    kind: "case-data",
    probes: [
      { name: "document checklist", run: readCase((w) => `/cases/${w.theCase.id}/documents`), allowed: SEES_CASE, deniedStatus: [404] },
      {
        name: "upload a file",
        run: async (world, cookie) => {
          const name = `probe-${randomUUID().slice(0, 8)}`;
          const form = new FormData();
          form.set("itemId", "");
          form.set("file", new Blob([`%PDF-1.4 ${name}`], { type: "application/pdf" }), `${name}.pdf`);
          const res = await fetch(`${baseUrl()}/cases/${world.theCase.id}/documents`, { method: "POST", redirect: "manual", headers: { Cookie: cookie }, body: form });
          const written = await prisma.caseDocument.findMany({ where: { caseId: world.theCase.id, filename: `${name}.pdf` } });
          await prisma.caseDocument.deleteMany({ where: { id: { in: written.map((d) => d.id) } } });
          const { getStorage } = await import("~/storage/storage.server");
          for (const d of written) await getStorage().delete(d.storageKey);
          return { status: res.status, gotData: written.length === 1 };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
      {
        name: "add a checklist item",
        run: async (world, cookie) => {
          const label = `probe item ${randomUUID().slice(0, 8)}`;
          const res = await postForm(`/cases/${world.theCase.id}/documents`, { intent: "add-item", label, description: "", required: "on" }, cookie);
          const written = await prisma.caseChecklistItem.deleteMany({ where: { caseId: world.theCase.id, label } });
          return { status: res.status, gotData: written.count === 1 };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
      {
        name: "accept a file",
        run: async (world, cookie) => {
          const doc = await prisma.caseDocument.create({
            data: { caseId: world.theCase.id, filename: "probe.pdf", contentType: "application/pdf", size: 1, storageKey: `probe${randomUUID().replace(/-/g, "")}`, keyId: "probe", wrappedKey: "probe" },
          });
          const res = await postForm(`/cases/${world.theCase.id}/documents`, { intent: "review", documentId: doc.id, decision: "ACCEPTED", reason: "" }, cookie);
          const after = await prisma.caseDocument.delete({ where: { id: doc.id } });
          return { status: res.status, gotData: after.review === "ACCEPTED" };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "documents.$documentId.download.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "download a file",
        run: async (world, cookie) => {
          const { storeCaseDocument } = await import("~/documents/documents.server");
          const content = `%PDF-1.4 probe ${randomUUID()}`;
          const stored = await storeCaseDocument({
            caseId: world.theCase.id,
            uploadedBy: world.applicant,
            actor: { id: world.applicant.id, ip: "test" },
            filename: "probe.pdf",
            stream: [new TextEncoder().encode(content)],
          });
          if (!stored.ok) throw new Error(stored.message);
          const res = await get(`/documents/${stored.document.id}/download`, cookie);
          const body = await res.text();
          const { getStorage } = await import("~/storage/storage.server");
          const row = await prisma.caseDocument.delete({ where: { id: stored.document.id } });
          await getStorage().delete(row.storageKey);
          return { status: res.status, gotData: res.status === 200 && body === content };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "expirations.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "caseload",
        run: async (world, cookie) => {
          await prisma.caseExpiry.deleteMany({ where: { caseId: world.theCase.id, label: "route probe" } });
          await prisma.caseExpiry.create({ data: { caseId: world.theCase.id, kind: "OTHER", label: "route probe", expiresOn: new Date(Date.now() + 5 * 86_400_000) } });
          return readCase(() => "/expirations?days=30")(world, cookie);
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [200, 302],
      },
    ],
  },
  "cases.$caseId_.messages.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "conversations",
        run: async (world, cookie) => {
          await probeThread(world);
          return readCase((w) => `/cases/${w.theCase.id}/messages`)(world, cookie);
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
      {
        name: "start a conversation",
        run: async (world, cookie) => {
          const body = `probe start ${randomUUID()}`;
          const res = await postForm(`/cases/${world.theCase.id}/messages`, { intent: "start", subject: "Probe subject", body }, cookie);
          const written = await prisma.message.count({ where: { body, thread: { caseId: world.theCase.id } } });
          return { status: res.status, gotData: written === 1 };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.messages_.$threadId.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "read a conversation",
        run: async (world, cookie) => {
          const { threadId, marker } = await probeThread(world);
          const res = await get(`/cases/${world.theCase.id}/messages/${threadId}`, cookie);
          const body = await res.text();
          return { status: res.status, gotData: res.status === 200 && body.includes(marker) };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
      {
        name: "reply",
        run: async (world, cookie) => {
          const { threadId } = await probeThread(world);
          const body = `probe reply ${randomUUID()}`;
          const res = await postForm(`/cases/${world.theCase.id}/messages/${threadId}`, { intent: "reply", body }, cookie);
          const written = await prisma.message.count({ where: { threadId, body, internal: false } });
          return { status: res.status, gotData: written === 1 };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
      {
        name: "internal note",
        run: async (world, cookie) => {
          const { threadId } = await probeThread(world);
          const body = `probe note ${randomUUID()}`;
          const res = await postForm(`/cases/${world.theCase.id}/messages/${threadId}`, { intent: "note", body }, cookie);
          const written = await prisma.message.count({ where: { threadId, body } });
          return { status: res.status, gotData: written === 1 };
        },
        allowed: STAFF_ON_CASE,
        // The client is on the case, so a 403 confirms nothing; everyone else gets 404.
        deniedStatus: [403, 404],
      },
    ],
  },
  "messages.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "inbox",
        run: async (world, cookie) => {
          await probeThread(world);
          return readCase(() => "/messages")(world, cookie);
        },
        allowed: SEES_CASE,
        deniedStatus: [200],
      },
    ],
  },
  "api.mrz.ts": { kind: "not-case-data", why: "public MRZ API: reads the uploaded image only, stores nothing (tested in mrz-api.test.ts)" },
  "admin.forms.tsx": { kind: "not-case-data", why: "blank official form templates, admin only (tested in form-templates.test.ts)" },
  "admin.forms_.$templateId.tsx": { kind: "not-case-data", why: "blank official form templates, admin only (tested in form-templates.test.ts)" },
  "admin.api-keys.tsx": { kind: "not-case-data", why: "API key administration, admin only (tested in mrz-api.test.ts)" },
  "admin.users.tsx": { kind: "not-case-data", why: "user administration, admin only (tested in admin.test.ts)" },
  "admin.newsletter.tsx": { kind: "not-case-data", why: "newsletter to opted-in users, admin only (tested in newsletter.test.ts)" },
  "admin.moderators.tsx": { kind: "not-case-data", why: "public message boards: appointing moderators, admin only (tested in board-moderation.test.ts)" },
  "dev.outbox.tsx": { kind: "not-case-data", why: "development email outbox, disabled in production" },
  "dev.outbox.$emailId.tsx": { kind: "not-case-data", why: "development email outbox, disabled in production" },
  "bench.bare.tsx": { kind: "not-case-data", why: "benchmark ceiling route, 404 unless BENCH_BARE_ROUTE=true" },
  "cases._index.tsx": {
    kind: "case-data",
    probes: [
      { name: "list", run: readCase(() => "/cases"), allowed: ["applicant", "assigned", "paralegal", "admin"], deniedStatus: [200] },
      {
        name: "search by reference",
        run: readCase((w) => `/cases?q=${encodeURIComponent(w.theCase.reference)}`),
        allowed: ["applicant", "assigned", "paralegal", "admin"],
        deniedStatus: [200],
      },
    ],
  },
  "cases.$caseId.tsx": {
    kind: "case-data",
    probes: [
      { name: "detail", run: readCase((w) => `/cases/${w.theCase.id}`), allowed: ["applicant", "assigned", "paralegal", "admin"], deniedStatus: [404] },
      {
        name: "add note",
        run: async (world, cookie) => {
          const body = `probe note ${randomUUID()}`;
          const res = await postForm(`/cases/${world.theCase.id}`, { intent: "note", visibility: "STAFF", body }, cookie);
          const written = await prisma.caseNote.count({ where: { caseId: world.theCase.id, body } });
          return { status: res.status, gotData: written === 1 };
        },
        allowed: ["assigned", "paralegal", "admin"],
        deniedStatus: [404],
      },
      {
        name: "change status",
        run: async (world, cookie) => {
          await prisma.case.update({ where: { id: world.theCase.id }, data: { status: "INTAKE" } });
          const res = await postForm(`/cases/${world.theCase.id}`, { intent: "transition", status: "PREPARING" }, cookie);
          const now = await prisma.case.findUniqueOrThrow({ where: { id: world.theCase.id } });
          return { status: res.status, gotData: now.status === "PREPARING" };
        },
        allowed: ["assigned", "paralegal", "admin"],
        deniedStatus: [404],
      },
      {
        name: "key dates",
        run: async (world, cookie) => {
          await prisma.case.update({ where: { id: world.theCase.id }, data: { filedAt: null } });
          const res = await postForm(`/cases/${world.theCase.id}`, { intent: "dates", filedAt: "2026-03-02" }, cookie);
          const now = await prisma.case.findUniqueOrThrow({ where: { id: world.theCase.id } });
          return { status: res.status, gotData: now.filedAt?.toISOString().slice(0, 10) === "2026-03-02" };
        },
        allowed: ["assigned", "paralegal", "admin"],
        deniedStatus: [404],
      },
      {
        name: "assign staff",
        run: async (world, cookie) => {
          const res = await postForm(`/cases/${world.theCase.id}`, { intent: "assign", userId: world.unassigned.id }, cookie);
          const assigned = await prisma.caseAssignment.deleteMany({ where: { caseId: world.theCase.id, userId: world.unassigned.id } });
          return { status: res.status, gotData: assigned.count === 1 };
        },
        allowed: ["admin"],
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.audit.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "audit log",
        run: async (world, cookie) => {
          const res = await get(`/cases/${world.theCase.id}/audit`, cookie);
          const body = await res.text();
          return { status: res.status, gotData: res.status === 200 && body.includes(`Audit log: ${world.theCase.reference}`) };
        },
        allowed: ["admin"],
        deniedStatus: [403],
      },
    ],
  },
  "admin.cases.new.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "open a case",
        run: async (world, cookie) => {
          const title = `Probe case ${randomUUID()}`;
          const res = await postForm("/admin/cases/new", { applicantEmail: world.applicant.email, type: "OTHER", title }, cookie);
          const created = await prisma.case.count({ where: { title } });
          return { status: res.status, gotData: created === 1 };
        },
        allowed: ["admin"],
        deniedStatus: [403],
      },
    ],
  },
  "questionnaires.$questionnaireId.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "overview",
        run: readQuestionnaire((w) => `/questionnaires/${w.questionnaireId}`, (w) => w.theCase.reference),
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "questionnaires.$questionnaireId_.$sectionKey.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "section",
        run: readQuestionnaire((w) => `/questionnaires/${w.questionnaireId}/${w.sectionKey}`, (w) => `name="${w.textKey}"`),
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "questionnaires.$questionnaireId_.review.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "review",
        run: readQuestionnaire((w) => `/questionnaires/${w.questionnaireId}/review`, () => "probe answer"),
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "questionnaires.$questionnaireId_.autosave.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "autosave",
        run: async (world, cookie) => {
          const value = `probe ${randomUUID().slice(0, 8)}`;
          const res = await fetch(`${baseUrl()}/questionnaires/${world.questionnaireId}/autosave`, {
            method: "POST",
            redirect: "manual",
            headers: { "Content-Type": "application/json", Cookie: cookie },
            body: JSON.stringify({ section: world.sectionKey, answers: { [world.textKey]: value } }),
          });
          const stored = await prisma.answer.findUnique({ where: { questionnaireId_key: { questionnaireId: world.questionnaireId, key: world.textKey } } });
          return { status: res.status, gotData: stored?.value === value };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "questionnaires.$questionnaireId_.export[.json].tsx": {
    kind: "case-data",
    probes: [
      {
        name: "export",
        run: readQuestionnaire((w) => `/questionnaires/${w.questionnaireId}/export.json`, (w) => w.questionnaireId),
        allowed: STAFF_ON_CASE,
        deniedStatus: [403, 404],
      },
    ],
  },
  "questionnaires.$questionnaireId_.export[.pdf].tsx": {
    kind: "case-data",
    probes: [
      {
        name: "PDF summary",
        run: async (world, cookie) => {
          const res = await get(`/questionnaires/${world.questionnaireId}/export.pdf`, cookie);
          const body = Buffer.from(await res.arrayBuffer());
          return { status: res.status, gotData: res.status === 200 && body.subarray(0, 5).toString() === "%PDF-" };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [403, 404],
      },
    ],
  },
  "questionnaires.$questionnaireId_.scan.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "scan page",
        run: readQuestionnaire((w) => `/questionnaires/${w.questionnaireId}/scan`, (w) => w.questionnaireId),
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
      {
        name: "apply read values",
        run: async (world, cookie) => {
          const value = `Probe${randomUUID().slice(0, 6)}`;
          const key = "applicant.name.family";
          const res = await postForm(`/questionnaires/${world.questionnaireId}/scan`, { target: "applicant", use: key, [`value:${key}`]: value }, cookie);
          const stored = await prisma.answer.findUnique({ where: { questionnaireId_key: { questionnaireId: world.questionnaireId, key } } });
          return { status: res.status, gotData: stored?.value === value };
        },
        allowed: SEES_CASE,
        deniedStatus: [404],
      },
    ],
  },
  "cases.$caseId_.forms.$formNumber[.pdf].tsx": {
    kind: "case-data",
    probes: [
      {
        name: "fill a form",
        run: async (world, cookie) => {
          const res = await get(`/cases/${world.theCase.id}/forms/I-765.pdf`, cookie);
          const body = Buffer.from(await res.arrayBuffer());
          // 409 "no I-765 on file" also means the request got past the access check.
          return { status: res.status, gotData: (res.status === 200 && body.subarray(0, 5).toString() === "%PDF-") || res.status === 409 };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [403, 404],
      },
    ],
  },
  "cases.$caseId_.forms.$formNumber.tsx": {
    kind: "case-data",
    probes: [{ name: "form check page", run: readCase((w) => `/cases/${w.theCase.id}/forms/I-765`), allowed: STAFF_ON_CASE, deniedStatus: [404] }],
  },
  "cases.$caseId_.packet[.pdf].tsx": {
    kind: "case-data",
    probes: [
      {
        name: "filing packet",
        run: async (world, cookie) => {
          const res = await get(`/cases/${world.theCase.id}/packet.pdf?forms=I-765`, cookie);
          const body = Buffer.from(await res.arrayBuffer());
          return { status: res.status, gotData: res.status === 200 && body.subarray(0, 5).toString() === "%PDF-" };
        },
        allowed: STAFF_ON_CASE,
        deniedStatus: [403, 404],
      },
    ],
  },
  "questionnaires.$questionnaireId_.history.tsx": {
    kind: "case-data",
    probes: [
      {
        name: "history",
        run: readQuestionnaire((w) => `/questionnaires/${w.questionnaireId}/history`, (w) => w.textKey),
        allowed: STAFF_ON_CASE,
        deniedStatus: [403, 404],
      },
    ],
  },
};

const routeFiles = readdirSync(path.resolve(import.meta.dirname, "../../app/routes")).filter((f) => /\.(tsx|ts)$/.test(f));

describe("route access manifest", () => {
  it("lists every route module, and nothing that no longer exists", () => {
    const missing = routeFiles.filter((f) => !(f in ROUTES));
    const stale = Object.keys(ROUTES).filter((f) => !routeFiles.includes(f));
    expect(missing, "add these routes to ROUTES in route-access.test.ts").toEqual([]);
    expect(stale).toEqual([]);
  });

  it("marks every route that touches case data as case-data", () => {
    for (const file of routeFiles) {
      const source = readFileSync(path.resolve(import.meta.dirname, "../../app/routes", file), "utf8");
      if (/~\/cases\/case-access\.server|~\/questionnaires\/questionnaires\.server|caseId|questionnaireId/.test(source)) {
        expect(ROUTES[file]?.kind, `${file} reads case data`).toBe("case-data");
      }
    }
  });
});

/**
 * Filling a form needs an uploaded edition. A one-field stand-in dated 2000 does (any real upload in another test is
 * newer and becomes the current edition); without one, allowed staff would get 409 "not on file".
 */
async function ensureSomeI765OnFile() {
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  doc.getForm().createTextField("form1[0].Page1[0].Line1a_FamilyName[0]").addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  const pdf = Buffer.from(await doc.save());
  await prisma.formTemplate.upsert({
    where: { formNumber_edition: { formNumber: "I-765", edition: "01/01/00" } },
    update: {},
    create: { formNumber: "I-765", edition: "01/01/00", editionDate: new Date("2000-01-01"), pdf, sha256: `route-access-${randomUUID()}`, fieldCount: 1, fields: [], wasEncrypted: false },
  });
}

describe("who gets case data", () => {
  let world: World;
  const cookies = {} as Record<Who, string>;

  beforeAll(async () => {
    await ensureSomeI765OnFile();
    const base = await createCaseWorld();
    const template = getTemplate("i-765")!;
    const section = template.sections.find((sec) => sec.questions.some((q) => q.type === "text" && !q.showIf))!;
    const textKey = section.questions.find((q) => q.type === "text" && !q.showIf)!.key;
    const questionnaire = await prisma.questionnaire.create({
      data: { caseId: base.theCase.id, templateId: template.id, templateVersion: template.version, answers: { create: [{ key: textKey, value: "probe answer" }] } },
    });
    world = { ...base, questionnaireId: questionnaire.id, sectionKey: section.key, textKey };
    const users: Record<Who, { email: string }> = {
      applicant: world.applicant,
      otherApplicant: world.otherApplicant,
      unassigned: world.unassigned,
      assigned: world.assigned,
      paralegal: world.paralegal,
      admin: world.admin,
    };
    for (const who of EVERYONE) cookies[who] = await logIn(users[who].email);
  });

  for (const [file, entry] of Object.entries(ROUTES)) {
    if (entry.kind !== "case-data") continue;
    for (const probe of entry.probes) {
      for (const who of EVERYONE) {
        const expected = probe.allowed.includes(who);
        it(`${file} ${probe.name}: ${who} ${expected ? "gets" : "does not get"} data`, async () => {
          const result = await probe.run(world, cookies[who]);
          expect(result.gotData).toBe(expected);
          if (expected) expect([200, 302]).toContain(result.status);
          else if (!probe.deniedStatus.includes(200)) expect(probe.deniedStatus).toContain(result.status);
        });
      }
    }
  }

  it("sends anonymous visitors to the login page", async () => {
    for (const p of [
      "/cases",
      `/cases/${world.theCase.id}`,
      `/cases/${world.theCase.id}/audit`,
      "/admin/cases/new",
      `/questionnaires/${world.questionnaireId}`,
      `/questionnaires/${world.questionnaireId}/${world.sectionKey}`,
      `/questionnaires/${world.questionnaireId}/review`,
      `/questionnaires/${world.questionnaireId}/export.json`,
      `/questionnaires/${world.questionnaireId}/history`,
      `/cases/${world.theCase.id}/forms/I-765`,
      "/messages",
      `/cases/${world.theCase.id}/messages`,
    ]) {
      const res = await get(p);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    }
  });
});
