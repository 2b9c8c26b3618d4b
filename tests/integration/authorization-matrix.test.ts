/**
 * The authorization matrix: every route module x every role x {own, assigned, unassigned} relation x {GET, POST},
 * generated from app/routes and checked against tests/support/access-policy.ts on a real server. A combination the
 * policy denies must never succeed; every GET the policy allows must succeed, so the matrix cannot pass by
 * everything failing. A route module without a policy entry fails the first test.
 *
 * Success is judged conservatively: a GET succeeds with a 2xx whose HTML shows the route's marker (text unique to
 * the objects created here) or, for files (PDF, .ics, JSON, ZIP, images), any non-empty 2xx body; a POST succeeds
 * with a 2xx or a redirect anywhere but /login. The requests go to a server of this file's own that trusts
 * X-Forwarded-For, each from a random address, so the rate limits never slow down other test files.
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { inject } from "vitest";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { createSession } from "~/auth/session.server";
import { prisma } from "~/db.server";
import sharp from "sharp";
import { PASSPORT_PHOTO_ITEM_KEY, storeCaseDocument } from "~/documents/documents.server";
import { issueExportGrant } from "~/privacy/export.server";
import { getTemplate } from "~/questionnaires/templates";
import { manageToken } from "~/status/subscriptions.server";
import { createFeedToken } from "~/tasks/feed.server";
import { ACCESS_POLICY, type MatrixRole, type Marker, type ObjectKind, type Relation, type RoutePolicy } from "../support/access-policy";
import { createCase, createUser } from "../support/factories";
import { freePort } from "../support/free-port";
import { isIndexRoute, readRouteModules, urlFor, type RouteModule } from "../support/routes";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";

type Actor = { role: MatrixRole; relation: Relation | null; userId: string | null };
type Method = "GET" | "POST";
type Outcome = { status: number; location: string | null; success: boolean };
type Check = { file: string; actor: Actor; method: Method; expected: boolean };

const CONCURRENCY = 6;
const routes = readRouteModules();

let server: ChildServer;
let baseUrl: string;
const actors: Actor[] = [];
const objects = {} as Record<ObjectKind, string>;
const markers = {} as Record<Marker, string>;
const ids = {} as { assignedId: string; sectionKey: string; textKey: string; receiptNumber: string; photo: string };

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
const actorName = (a: Actor) => (a.relation ? `${a.role}/${a.relation}` : a.role);

function allows(policy: RoutePolicy, method: Method, actor: Actor) {
  const rule = (method === "GET" ? policy.get : policy.post)[actor.role];
  if (!rule) return false;
  return rule === "all" || (actor.relation !== null && rule.includes(actor.relation));
}

/** A session of its own for each request, made directly in the database: a POST to /logout must not end the others. */
async function cookieFor(actor: Actor) {
  if (!actor.userId) return null;
  const header = await createSession(prisma, actor.userId, new Request(baseUrl, { headers: { "user-agent": "authorization-matrix" } }));
  return header.split(";")[0]!;
}

function bodyFor(policy: RoutePolicy): { body: URLSearchParams | FormData | string; contentType?: string } {
  if (policy.body === "photo-save") {
    const form = new FormData();
    for (const [name, value] of Object.entries({ intent: "save", working: ids.photo, zoom: "1", centerX: "50", centerY: "50" })) form.append(name, value);
    return { body: form };
  }
  if (policy.body === "upload") {
    const form = new FormData();
    form.set("itemId", "");
    form.set("file", new Blob([`%PDF-1.4 matrix ${randomUUID()}`], { type: "application/pdf" }), `matrix-upload-${randomUUID().slice(0, 8)}.pdf`);
    return { body: form };
  }
  if (policy.body === "autosave") return { body: JSON.stringify({ section: ids.sectionKey, answers: { [ids.textKey]: `Matrix${randomUUID().slice(0, 6)}` } }), contentType: "application/json" };
  return { body: formBody(policy) };
}

function formBody(policy: RoutePolicy): URLSearchParams {
  const text = `matrix ${randomUUID().slice(0, 8)}`;
  switch (policy.body) {
    case "case-note":
      return new URLSearchParams({ intent: "note", visibility: "STAFF", body: text });
    case "task":
      return new URLSearchParams({ intent: "create", kind: "OTHER_DEADLINE", title: text, dueMode: "day", dueDate: "2035-01-01", assigneeId: ids.assignedId });
    case "status-manual":
      // A different day each time: the same status on the same day is stored once.
      return new URLSearchParams({ intent: "manual", receiptNumber: ids.receiptNumber, title: "Case Was Received", description: "", modifiedDate: new Date(Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 2000) * 86_400_000).toISOString().slice(0, 10) });
    case "task-update":
      return new URLSearchParams({ intent: "update", kind: "TASK", title: markers["task-title"], dueMode: "day", dueDate: "2035-02-01", assigneeId: ids.assignedId });
    case "scan-apply":
      return new URLSearchParams({ target: "applicant", use: "applicant.name.family", "value:applicant.name.family": `Matrix${randomUUID().slice(0, 6)}` });
    case "post-edit":
      return new URLSearchParams({ intent: "edit", body: `${markers["post-body"]}, edited by the authorization matrix`, pii: "keep" });
    case "message-start":
      return new URLSearchParams({ intent: "start", subject: text, body: text });
    case "message-reply":
      return new URLSearchParams({ intent: "reply", body: text });
    case "expiry":
      // A random day: the same kind on the same day of one case is a 409 duplicate.
      return new URLSearchParams({ intent: "add", kind: "OTHER", label: text, expiresOn: `2035-${String(1 + Math.floor(Math.random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, "0")}` });
    case "checklist-item":
      return new URLSearchParams({ intent: "add-item", label: text, description: "", required: "on" });
    case "board-reply":
      return new URLSearchParams({ intent: "reply", body: `A reply from the authorization matrix, ${text}.`, pii: "keep" });
    default:
      return new URLSearchParams();
  }
}

function urlOf(file: string, policy: RoutePolicy, method: Method) {
  const path = urlFor(file, (name) => {
    const kind = policy.params?.[name];
    if (!kind) throw new Error(`${file}: the policy does not say what the URL parameter "${name}" is`);
    return objects[kind];
  });
  const query = [policy.query?.replace(/^\?/, ""), method === "POST" && isIndexRoute(file) ? "index" : ""].filter(Boolean).join("&");
  return query ? `${path}?${query}` : path;
}

async function run(check: Check): Promise<Outcome> {
  const policy = ACCESS_POLICY[check.file]!;
  const cookie = await cookieFor(check.actor);
  const headers: Record<string, string> = { "X-Forwarded-For": randomIp() };
  if (cookie) headers.Cookie = cookie;
  const init: RequestInit = { method: check.method, headers, redirect: "manual", signal: AbortSignal.timeout(60_000) };
  if (check.method === "POST") {
    const { body, contentType } = bodyFor(policy);
    init.body = body;
    if (contentType) headers["Content-Type"] = contentType;
  }
  const res = await fetch(`${baseUrl}${urlOf(check.file, policy, check.method)}`, init);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const location = res.headers.get("location");
  if (check.method === "POST") {
    const target = location === null ? null : new URL(location, baseUrl).pathname;
    const turnedAway = target !== null && ((target.startsWith("/login") && !policy.loginIsSuccess) || target === policy.deniedRedirect);
    return { status: res.status, location, success: res.status >= 200 && res.status < 400 && !turnedAway };
  }
  if (res.status < 200 || res.status >= 300 || bytes.length === 0) return { status: res.status, location, success: false };
  const html = (res.headers.get("content-type") ?? "").includes("text/html");
  const success = !html || !policy.shows || new TextDecoder().decode(bytes).includes(markers[policy.shows]);
  return { status: res.status, location, success };
}

async function inPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

/** Every object kind a URL can name, created for real on one case with a full cast around it. */
async function createWorld() {
  const suffix = randomUUID().slice(0, 8);
  const [applicant, otherApplicant, assigned, unassigned, paralegal, otherParalegal, admin, moderator] = await Promise.all([
    createUser({ role: "APPLICANT" }),
    createUser({ role: "APPLICANT" }),
    createUser({ role: "ATTORNEY" }),
    createUser({ role: "ATTORNEY" }),
    createUser({ role: "PARALEGAL" }),
    createUser({ role: "PARALEGAL" }),
    createUser({ role: "ADMIN" }),
    createUser({ role: "APPLICANT" }),
  ]);
  await prisma.user.update({ where: { id: moderator.id }, data: { isModerator: true } });
  actors.push(
    { role: "visitor", relation: null, userId: null },
    { role: "applicant", relation: "own", userId: applicant.id },
    { role: "applicant", relation: "unassigned", userId: otherApplicant.id },
    { role: "attorney", relation: "assigned", userId: assigned.id },
    { role: "attorney", relation: "unassigned", userId: unassigned.id },
    { role: "paralegal", relation: "assigned", userId: paralegal.id },
    { role: "paralegal", relation: "unassigned", userId: otherParalegal.id },
    { role: "admin", relation: "unassigned", userId: admin.id },
    { role: "moderator", relation: "unassigned", userId: moderator.id },
  );

  const theCase = await createCase({ applicantId: applicant.id, assignees: [assigned, paralegal], title: `Matrix case ${suffix}` });
  markers["case-title"] = theCase.title;
  markers["case-reference"] = theCase.reference;

  const template = getTemplate("i-765")!;
  const section = template.sections.find((s) => s.questions.some((q) => q.type === "text" && !q.showIf))!;
  const textKey = section.questions.find((q) => q.type === "text" && !q.showIf)!.key;
  Object.assign(ids, { assignedId: assigned.id, sectionKey: section.key, textKey });
  markers.answer = `Matrixanswer${suffix}`;
  const questionnaire = await prisma.questionnaire.create({
    data: {
      caseId: theCase.id,
      templateId: template.id,
      templateVersion: template.version,
      answers: { create: [{ key: textKey, value: markers.answer }] },
      revisions: { create: [{ key: textKey, value: markers.answer, changedById: applicant.id }] },
    },
  });
  markers["questionnaire-id"] = questionnaire.id;

  markers["task-title"] = `Matrix task ${suffix}`;
  const task = await prisma.caseTask.create({
    data: { caseId: theCase.id, kind: "TASK", title: markers["task-title"], dueDay: new Date(Date.now() + 5 * 86_400_000), timeZone: "America/New_York", assigneeId: assigned.id, clientVisible: true },
  });
  await prisma.caseExpiry.create({ data: { caseId: theCase.id, kind: "OTHER", label: `matrix expiry ${suffix}`, expiresOn: new Date(Date.now() + 5 * 86_400_000) } });

  markers["thread-subject"] = `Matrix conversation ${suffix}`;
  const thread = await prisma.messageThread.create({
    data: { caseId: theCase.id, subject: markers["thread-subject"], messages: { create: { authorId: assigned.id, fromClient: false, body: `matrix message ${suffix}` } } },
  });

  const stored = await storeCaseDocument({
    caseId: theCase.id,
    uploadedBy: applicant,
    actor: { id: applicant.id, ip: "test" },
    filename: `matrix-${suffix}.pdf`,
    stream: [new TextEncoder().encode(`%PDF-1.4 matrix ${suffix}`)],
  });
  if (!stored.ok) throw new Error(stored.message);
  ids.receiptNumber = `IOE${String(Math.floor(Math.random() * 1e10)).padStart(10, "0")}`;
  await prisma.receiptNumber.create({ data: { caseId: theCase.id, ...receiptColumns("ReceiptNumber", ids.receiptNumber), formType: "I-485" } });
  ids.photo = (await sharp({ create: { width: 600, height: 800, channels: 3, background: "#f0f0f0" } }).jpeg().toBuffer()).toString("base64");
  const photo = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#f0f0f0" } }).jpeg().toBuffer();
  const storedPhoto = await storeCaseDocument({
    caseId: theCase.id,
    itemKey: PASSPORT_PHOTO_ITEM_KEY,
    uploadedBy: applicant,
    actor: { id: applicant.id, ip: "test" },
    filename: "passport-photo-2x2.jpg",
    stream: [new Uint8Array(photo)],
  });
  if (!storedPhoto.ok) throw new Error(storedPhoto.message);

  const formTemplate = await ensureFormTemplate();
  markers["form-edition"] = formTemplate.edition;

  const category = (await prisma.boardCategory.findFirst({ orderBy: { position: "asc" } })) ?? (await prisma.boardCategory.create({ data: { slug: `matrix-${suffix}`, name: "Matrix", description: "Matrix", position: 99 } }));
  markers["board-title"] = `Matrix board thread ${suffix}`;
  markers["post-body"] = `Matrix opening post ${suffix}`;
  const boardThread = await prisma.boardThread.create({
    data: { categoryId: category.id, authorId: applicant.id, title: markers["board-title"], slug: `matrix-board-thread-${suffix}`, posts: { create: { authorId: applicant.id, number: 1, body: markers["post-body"] } } },
    include: { posts: true },
  });

  markers["email-subject"] = `Matrix email ${suffix}`;
  const email = await prisma.outboxEmail.create({ data: { to: applicant.email, subject: markers["email-subject"], html: `<p>${suffix}</p>`, text: suffix } });

  const actor = { id: applicant.id, ip: "test" };
  Object.assign(objects, {
    case: theCase.id,
    questionnaire: questionnaire.id,
    "questionnaire-section": section.key,
    "case-task": task.id,
    "message-thread": thread.id,
    document: stored.document.id,
    "form-number": "I-765",
    "form-template": formTemplate.id,
    "board-category": category.slug,
    "board-thread": boardThread.id,
    "board-slug": boardThread.slug,
    "board-post": boardThread.posts[0]!.id,
    "calendar-feed-token": await createFeedToken(applicant.id, actor),
    "privacy-export-token": await issueExportGrant(applicant.id, actor),
    "status-manage-token": manageToken(applicant.email),
    "status-confirm-token": randomUUID(),
    "unsubscribe-token": randomUUID(),
    "outbox-email": email.id,
  } satisfies Record<ObjectKind, string>);
}

/** Filling a form needs an uploaded edition; a one-field stand-in dated 2000 (as in route-access.test.ts) does. */
async function ensureFormTemplate() {
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  doc.getForm().createTextField("form1[0].Page1[0].Line1a_FamilyName[0]").addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  const pdf = Buffer.from(await doc.save());
  return prisma.formTemplate.upsert({
    where: { formNumber_edition: { formNumber: "I-765", edition: "01/01/00" } },
    update: {},
    create: { formNumber: "I-765", edition: "01/01/00", editionDate: new Date("2000-01-01"), pdf, sha256: `authorization-matrix-${randomUUID()}`, fieldCount: 1, fields: [], wasEncrypted: false },
  });
}

describe("authorization matrix", () => {
  it("has a policy entry for every route module, and none for modules that do not exist", () => {
    const files = routes.map((r) => r.file);
    const missing = routes.filter((r) => !(r.file in ACCESS_POLICY));
    const stale = Object.keys(ACCESS_POLICY).filter((f) => !files.includes(f));
    const template = (r: RouteModule) =>
      `  "${r.file}": { ${r.params.length ? `params: { ${r.params.map((p) => `${p}: "<ObjectKind>"`).join(", ")} }, shows: "<Marker>", ` : ""}get: { <role>: "all" | ["own", "assigned", "unassigned"] }, post: { ... } },`;
    expect(
      missing.map((r) => r.file),
      `Add to ACCESS_POLICY in tests/support/access-policy.ts, read from each module's loader and action (absent roles are denied):\n${missing.map(template).join("\n")}\n`,
    ).toEqual([]);
    expect(stale, "these ACCESS_POLICY entries name no module in app/routes: remove them").toEqual([]);
  });

  it("says what every URL parameter of every route is", () => {
    const unknown = routes.flatMap((r) => r.params.filter((p) => !ACCESS_POLICY[r.file]?.params?.[p]).map((p) => `${r.file}: $${p}`));
    expect(unknown, "give these parameters an ObjectKind in the route's `params` in tests/support/access-policy.ts").toEqual([]);
  });

  it("allows no POST on a route without an action", () => {
    const wrong = routes.filter((r) => !r.hasAction && Object.keys(ACCESS_POLICY[r.file]?.post ?? {}).length > 0).map((r) => r.file);
    expect(wrong, "these routes have no action: set their `post` to NOBODY").toEqual([]);
  });

  describe("against the real server", () => {
    const results: (Check & Outcome)[] = [];

    beforeAll(async () => {
      server = await startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), TRUST_PROXY: "true" } });
      baseUrl = server.url;
      await createWorld();
      const checks: Check[] = [];
      for (const route of routes) {
        const policy = ACCESS_POLICY[route.file];
        if (!policy || route.params.some((p) => !policy.params?.[p])) continue;
        for (const actor of actors) for (const method of ["GET", "POST"] as const) checks.push({ file: route.file, actor, method, expected: allows(policy, method, actor) });
      }
      // GETs first: a POST (an expiry, a reply) never changes what a GET of another role sees.
      const gets = checks.filter((c) => c.method === "GET");
      const posts = checks.filter((c) => c.method === "POST");
      for (const batch of [gets, posts]) {
        const outcomes = await inPool(batch, CONCURRENCY, (check) => run(check).catch((error: unknown) => ({ status: 0, location: String(error), success: false })));
        batch.forEach((check, i) => results.push({ ...check, ...outcomes[i]! }));
      }
    }, 600_000);

    afterAll(() => server?.stop());

    const describeResult = (r: Check & Outcome) => `${r.method} ${r.file} as ${actorName(r.actor)}: ${r.status}${r.location ? ` -> ${r.location}` : ""}`;

    it("gives no denied combination a success", () => {
      const unexpected = results.filter((r) => !r.expected && r.success).map(describeResult);
      expect(unexpected).toEqual([]);
    });

    it("lets every allowed GET succeed", () => {
      const failed = results.filter((r) => r.expected && r.method === "GET" && !r.success).map(describeResult);
      expect(failed).toEqual([]);
    });

    it("lets every allowed POST with a main-intent body succeed, so the refusals are of requests that work", () => {
      const failed = results.filter((r) => r.expected && r.method === "POST" && ACCESS_POLICY[r.file]!.body && !r.success).map(describeResult);
      expect(failed).toEqual([]);
    });

    it("answers no check with a server error", () => {
      expect(results.filter((r) => r.status >= 500 || r.status === 0).map(describeResult)).toEqual([]);
    });

    it("covers every route x role x relation x method (summary)", () => {
      const unexpected = results.filter((r) => !r.expected && r.success).length;
      const allowedGets = results.filter((r) => r.expected && r.method === "GET");
      const allowedPosts = results.filter((r) => r.expected && r.method === "POST");
      // MATRIX_REPORT=<file> writes every check and its outcome, for reading the matrix when changing the policy.
      if (process.env.MATRIX_REPORT) writeFileSync(process.env.MATRIX_REPORT, JSON.stringify(results.map((r) => ({ ...r, actor: actorName(r.actor) })), null, 1));
      console.log(
        `authorization matrix: ${results.length} checks over ${new Set(results.map((r) => r.file)).size} routes x ${actors.length} role/relations x GET/POST; ` +
          `${results.filter((r) => !r.expected).length} expected denials, ${unexpected} unexpected successes; ` +
          `${allowedGets.filter((r) => r.success).length} of ${allowedGets.length} allowed GETs served; ` +
          `${allowedPosts.filter((r) => r.success).length} of ${allowedPosts.length} allowed POSTs succeeded with the body sent`,
      );
      expect(results.length).toBe(routes.length * actors.length * 2);
      expect(unexpected).toBe(0);
    });
  });
});
