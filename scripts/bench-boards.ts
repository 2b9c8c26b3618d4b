/**
 * `npm run bench:boards`: starts its own PostgreSQL, seeds 10,000 threads and 200,000 posts with SQL, starts a
 * production build of Passage and load-tests it with autocannon over loopback (anonymous readers, keep-alive):
 *  - a bare Remix route (app/routes/bench.bare.tsx: same Express + Remix stack and root layout, no work of its
 *    own), the ceiling the pages are compared with;
 *  - category pages (mostly the first pages, some deep ones), thread pages (first pages, later pages, long
 *    threads), the thread pages again at a steady rate below saturation (latency without a queue), and full-text
 *    search (at --search-connections, then at --connections);
 *  - guests (no cookie) may be answered from the guest page cache (app/boards/page-cache.server.ts), so the same
 *    pages are measured again for a signed-in member, whose pages are always rendered: the uncached figures.
 * Posts are seeded with their rendered HTML, as posting stores it (older posts get it on their first read).
 * Prints req/s, latency p50/p95/p99/max, non-2xx and errors, CPU per request of the server and of PostgreSQL
 * (so other load on the machine does not hide where the time goes), the load average at the start of each run,
 * the goals of issue #7, and the server's peak RSS.
 *
 * Options: --seconds S (10), --warmup S (5), --connections N (50), --search-connections N (10),
 * --thread-rate N (the steady run; half what the thread pages reached), --threads N (10000), --posts N (200000).
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (written when it stops).
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { Pool } from "undici";
import { createCookie } from "@remix-run/node";
import { POSTS_PER_PAGE, slugify, THREADS_PER_PAGE } from "~/boards/format";
import { RENDER_VERSION, renderPostMarkdown } from "~/boards/markdown.server";
import { startChildServer } from "../server/child-server";
import { migrateDatabase, startEmbeddedPostgres } from "../server/database";
import { freePort } from "../tests/support/free-port";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "5" },
    connections: { type: "string", default: "50" },
    "search-connections": { type: "string", default: "10" },
    "thread-rate": { type: "string", default: "" },
    threads: { type: "string", default: "10000" },
    posts: { type: "string", default: "200000" },
  },
});
const SECONDS = Number(args.seconds);
const WARMUP_SECONDS = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const SEARCH_CONNECTIONS = Number(args["search-connections"]);
const THREADS = Number(args.threads);
const POSTS = Number(args.posts);
const REQUEST_TIMEOUT_S = 10;
const USERS = 300;
const BODY_TEMPLATES = 400;

const SESSION_SECRET = randomBytes(32).toString("hex");

const GOAL_THREAD_SHARE = 0.4;
const GOAL_THREAD_P99_MS = 150;
const GOAL_SEARCH_P95_MS = 100;

// autocannon ships no types; this is the part of its API used here.
type AutocannonInstance = PromiseLike<{ duration: number; errors: number; timeouts: number; non2xx: number; statusCodeStats: Record<string, { count: number }> }> & {
  on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
};
type AutocannonRequest = { method: "GET"; path?: string; setupRequest?: (request: { path: string }) => { path: string } };
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  headers?: Record<string, string>;
  requests: AutocannonRequest[];
}) => AutocannonInstance;

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same boards. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rand: () => number, items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
const between = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

// ---------------------------------------------------------------------------------------------------------------
// Content: a few hundred Markdown bodies built from immigration sentences, lists, quotes and links.

const TOPIC_SENTENCES = [
  "We filed the I-130 for my wife in March and got the receipt notice two weeks later.",
  "My biometrics appointment was scheduled {n} days after the receipt notice arrived.",
  "The officer at the interview asked mostly about how we met and about the wedding.",
  "We received an RFE asking for more evidence of a bona fide marriage.",
  "Our priority date became current in the visa bulletin last month.",
  "Is it normal for the green card to arrive before the approval notice?",
  "I applied for naturalization after five years as a permanent resident.",
  "My asylum case has been pending for {n} months with no interview date.",
  "The H-1B transfer was approved, but the new employer wants me to start before the I-797 arrives.",
  "Premium processing for the H-1B costs extra but gives a decision in 15 business days.",
  "Bring the originals and copies to the interview, including birth and marriage certificates.",
  "The RFE response deadline is 87 days from the date on the notice.",
  "Check the case status online; it usually updates a few days after each step.",
  "After the biometrics appointment the status changed to \"case is being actively reviewed\".",
  "The N-400 interview includes the English test and the civics test.",
  "You can file the I-751 to remove conditions 90 days before the green card expires.",
  "The work permit (I-765) renewal took about {n} days this time.",
  "Advance parole lets you travel while the I-485 is pending, but ask an attorney before you book anything.",
  "The National Visa Center asked for the affidavit of support (I-864) and our civil documents.",
  "My priority date is from 2019 and the EB-2 category for India is still years behind.",
  "An attorney reviewed the RFE and said the evidence we sent was fine, just poorly organized.",
  "The oath ceremony was {n} weeks after the naturalization interview.",
  "Asylum applicants can ask for a work permit 150 days after filing the I-589.",
  "We brought joint bank statements, the lease and photos from trips together.",
  "The interview was rescheduled twice because of the field office backlog.",
  "Please don't post your receipt number or A-number here; the moderators will mask it anyway.",
  "The green card was mailed {n} days after the approval.",
  "We got a request for evidence about the sponsor's income, so a joint sponsor signed an I-864 too.",
  "USCIS sometimes reuses biometrics from an earlier application instead of scheduling a new appointment.",
  "If your H-1B employer withdraws the petition, you have a 60-day grace period to find another sponsor.",
  "The I-130 processing time at our service center is around {n} months right now.",
  "An expedite request needs proof of severe financial loss or an urgent humanitarian reason.",
  "My husband's interview at the consulate went well and the visa was approved the same day.",
  "The civics test has 100 questions; the officer asks up to 10 and you need 6 right.",
  "I received a notice of intent to deny and have 30 days to respond.",
  "Filing fees changed in April 2024, so check the fee schedule before you mail anything.",
  "Thank you, this thread helped a lot.",
  "Same situation here; following this thread.",
  "Update: approved today after {n} days!",
  "Has anyone had a recent interview at the Houston field office?",
  "The H-1B lottery results came out and my registration was selected on the second round.",
  "Naturalization applicants can file 90 days before the five-year anniversary of their green card.",
  "The asylum interview lasted about {n} hours, with an interpreter the whole time.",
  "Our lawyer said a second RFE is rare but it happens when the first response is incomplete.",
  "The biometrics site let me walk in a week early with the appointment notice.",
  "The priority date for F2A has been current for a while, which is why it moved so fast.",
  "Did anyone get a green card interview waiver for a marriage-based case?",
  "My OPT ends in {n} days and the H-1B change of status is still pending.",
  "Bring every old passport to the naturalization interview; they asked for travel dates.",
  "The consular interview was short: two questions about my job and one about my wife's family.",
];

// Everyday sentences: on a real board most words are not the immigration terms people search for.
const EVERYDAY = [
  "We waited a long time, but it worked out in the end.",
  "My family is still abroad, so every month counts for us.",
  "I called the contact center twice and got two different answers.",
  "Honestly the hardest part was collecting everything from back home.",
  "My sister went through the same thing last year and it took about as long.",
  "I am not a lawyer; this is just what happened in our case.",
  "Good luck to everyone who is still waiting.",
  "We moved to another state in the middle of the process and had to update our address.",
  "The letter came on a Saturday, which surprised me.",
  "I kept a spreadsheet of every document we sent and when.",
  "It was stressful, but the staff were polite and patient.",
  "Our neighbor recommended a local nonprofit that helped with the paperwork for free.",
  "Make copies of everything before you mail it, and use tracked mail.",
  "I wish someone had told me this at the beginning.",
  "The translation of my school records took longer than expected.",
  "We paid with a check and it was cashed about {n} days later.",
  "The online account shows nothing new, so I am still waiting.",
  "My employer's HR team handled most of it, but they were slow to reply.",
  "It helps to read the instructions twice; small mistakes cause long delays.",
  "Has anyone else noticed that the website was down all week?",
  "We sent a letter to our congressman's office and they answered quickly.",
  "Our kids were included in the same application, which made it simpler.",
  "I started studying English two years ago and it finally paid off.",
  "The office was crowded, so arrive early and bring something to read.",
  "After {n} months of silence I finally got an update.",
  "Thanks everyone for the advice, I will post again when I hear back.",
  "The mail carrier left the notice at the wrong house, so keep an eye out.",
  "I used a free template for the cover letter and it was accepted without issue.",
  "My parents are elderly, so travel is difficult for them.",
  "We hired a translator for the documents in Ukrainian and Russian.",
  "Does anyone know whether a photocopy is enough or they need the original?",
  "I was nervous, but the whole thing took less than an hour.",
  "Our lawyer charged a flat fee, which made budgeting easier.",
  "The security line at the building was the slowest part of the day.",
  "I have been checking the mailbox every day for weeks.",
  "We finally have some good news after a really long year.",
  "Remember to sign every page where it asks for a signature.",
  "The fee waiver was denied, so we paid in full.",
  "My friend suggested opening a joint account early, and I am glad we did.",
  "I received two letters on the same day with different dates on them.",
  "My manager was very understanding about the time off.",
  "It took three tries to get the online payment to go through.",
  "We were told to wait {n} more weeks before calling again.",
  "I put everything in a binder with tabs, and the officer appreciated it.",
  "The notice was in English only, so my mother needed help reading it.",
  "Keep your address up to date, or letters will go to your old home.",
  "Our first child was born during the process, which added a few steps.",
  "I found the forum after searching for answers late at night.",
  "We are back home now and very relieved.",
  "Does anyone have experience with the office in Newark?",
  "I read through old threads here and they answered most of my questions.",
  "My cousin filed from a different country and the steps were not the same.",
  "The letter said to bring two forms of identification.",
  "It is frustrating that there is no way to speak to a real person.",
  "The parking near the office costs a lot, so take the bus if you can.",
  "We got married in a small ceremony with only close family.",
  "I am posting this so the next person has an easier time.",
  "We keep copies in the cloud and on paper, just in case.",
  "The process is slow, but it does move eventually.",
  "My advice is to stay organized and keep every receipt.",
  "I had to reschedule because of a work trip and it was easy online.",
  "We have been in this country for {n} years now.",
  "Everything arrived in one envelope, which was a relief.",
  "I asked a friend who is a paralegal to look over the forms first.",
  "The last step felt like it took longer than all the others combined.",
  "We celebrated with dinner at our favorite restaurant.",
  "I was worried about a small mistake on the form, but it did not matter.",
  "Our community center holds free workshops on Saturdays.",
  "I kept getting automated emails with no new information.",
  "Bring water and snacks; there is nowhere to buy food nearby.",
];

const TOPIC_ITEMS = [
  "Receipt notice (I-797C)",
  "Biometrics appointment",
  "Interview notice",
  "Approval notice",
  "Green card produced and mailed",
  "Two passport-style photos",
  "Copy of the marriage certificate",
  "Tax transcripts for the last **three** years",
  "Evidence of the priority date",
  "Recent pay stubs and an employment letter",
  "Lease or mortgage with both names",
  "A list of trips abroad since the green card",
  "Birth certificate with a certified translation",
  "The RFE itself and a cover letter answering each point",
  "Form I-864 with the sponsor's tax return",
  "Police certificates from every country you lived in",
  "The H-1B approval notice and the LCA",
  "Medical exam (I-693) in a sealed envelope",
];

const EVERYDAY_ITEMS = [
  "Copies of everything, in the same order as the originals",
  "A folder with tabs for each person",
  "Pens, a snack and a bottle of water",
  "The appointment letter printed out",
  "Your phone charged, with the address saved",
  "Check the mail every day",
  "Write down who you spoke to and when",
  "Ask a friend to read the answers before you send them",
  "Keep the tracking number for the envelope",
  "Arrive thirty minutes early",
  "Dress like you would for a job interview",
  "Bring someone who can translate if you need it",
  "Take photos of every page before mailing",
  "Leave the kids with family if you can",
  "Plan for a whole day off work",
  "Keep calm and answer only what is asked",
  "Update your address online when you move",
  "Save every receipt and letter in one place",
  "Read the instructions twice",
  "Ask questions here before you guess",
];

const LINKS = [
  "The [processing times page](https://egov.uscis.gov/processing-times/) has current estimates for each office.",
  "See the [visa bulletin](https://travel.state.gov/content/travel/en/legal/visa-law0/visa-bulletin.html) for this month's priority dates.",
  "The [N-400 page](https://www.uscis.gov/n-400) lists every document for naturalization.",
  "Fees are on https://www.uscis.gov/forms/filing-fees and they change from time to time.",
  "The [asylum page](https://www.uscis.gov/humanitarian/refugees-and-asylum/asylum) explains the interview.",
  "Find low-cost legal help through the [directory of recognized organizations](https://www.justice.gov/eoir/recognized-organizations-and-accredited-representatives-roster-state-and-city).",
];

function sentence(rand: () => number) {
  const text = pick(rand, rand() < 0.15 ? TOPIC_SENTENCES : EVERYDAY);
  const roll = rand();
  // Some emphasis, so the renderer has inline Markdown to do.
  if (roll < 0.08) return `**${text}**`;
  if (roll < 0.14) return text.replace(/^(\S+ \S+)/, "*$1*");
  return text;
}

function block(rand: () => number) {
  const roll = rand();
  if (roll < 0.55) {
    const lines = Array.from({ length: between(rand, 2, 5) }, () => sentence(rand));
    // A single line break inside a paragraph (breaks: true renders it as <br>).
    return rand() < 0.2 ? `${lines.slice(0, 2).join(" ")}\n${lines.slice(2).join(" ")}`.trim() : lines.join(" ");
  }
  if (roll < 0.75) {
    const ordered = rand() < 0.4;
    return Array.from({ length: between(rand, 3, 6) }, (_, i) => `${ordered ? `${i + 1}.` : "-"} ${pick(rand, rand() < 0.2 ? TOPIC_ITEMS : EVERYDAY_ITEMS)}`).join("\n");
  }
  if (roll < 0.9) return `> ${sentence(rand)}\n> ${sentence(rand)}`;
  return pick(rand, LINKS);
}

/** Bodies of 100 to 1,500 characters, most of them short, as on a real board. */
function bodyTemplates(count: number) {
  const rand = random(7);
  return Array.from({ length: count }, () => {
    const target = 100 + Math.floor(1400 * rand() ** 2);
    const blocks: string[] = [];
    let length = 0;
    while (length < target) {
      const next = block(rand);
      if (length + next.length + 2 > 1500) break;
      blocks.push(next);
      length += next.length + 2;
    }
    const body = blocks.join("\n\n");
    return body.length >= 100 ? body : `${body}\n\n${pick(rand, LINKS)}`;
  });
}

const CATEGORIES = [
  { id: "cat_family", weight: 25, stems: ["I-130 for my spouse", "Parent petition", "NVC documents", "Consular interview in Ciudad Juarez", "I-130 approved, what next", "Affidavit of support", "Sibling petition wait", "K-1 or I-130"] },
  { id: "cat_work", weight: 20, stems: ["H-1B transfer", "H-1B lottery", "OPT to H-1B", "L-1 to green card", "TN at the border", "I-765 renewal", "H-4 EAD", "O-1 evidence"] },
  { id: "cat_greencard", weight: 25, stems: ["Green card interview", "I-485 biometrics", "Priority date current", "RFE on I-485", "I-751 remove conditions", "Green card not received", "Advance parole travel", "I-90 renewal"] },
  { id: "cat_citizenship", weight: 12, stems: ["Naturalization interview", "N-400 civics test", "Oath ceremony", "N-400 travel history", "Naturalization with a DUI", "N-400 filed early"] },
  { id: "cat_asylum", weight: 8, stems: ["Asylum interview", "I-589 clock", "Asylum work permit", "Affirmative asylum backlog", "Asylum RFE", "Asylum and travel"] },
  { id: "cat_general", weight: 10, stems: ["Case status stuck", "Fee change question", "Expedite request", "USCIS phone line", "Lost receipt notice", "Change of address"] },
] as const;
const TITLE_TAILS = ["timeline", "- how long did yours take?", "after an RFE", "(update)", "question", "experience", "help please", "in 2025", "at the field office", "- approved!", "what to bring", "delays"];

const NAMES = ["Maria", "Wei", "Ahmed", "Olena", "Carlos", "Priya", "Fatima", "John", "Ana", "Luis", "Mei", "Omar", "Sofia", "Ivan", "Grace", "Daniel", "Aisha", "Tomas", "Leila", "Samuel"];
const SURNAMES = ["Garcia", "Chen", "Haddad", "Kovalenko", "Lopez", "Patel", "Rahman", "Smith", "Silva", "Nguyen", "Kim", "Mensah", "Rossi", "Okafor", "Novak"];

const userId = (i: number) => `bu${String(i).padStart(4, "0")}`;

/** Posts per thread, skewed as on a real board: most threads short, 5% with 50-150 posts, 0.6% with 200-800 (before scaling to the total). */
function postCounts(threads: number, posts: number, rand: () => number) {
  if (posts < threads) throw new Error("--posts must be at least --threads: every thread has its opening post");
  const raw = Array.from({ length: threads }, () => {
    const roll = rand();
    if (roll < 0.006) return between(rand, 200, 800);
    if (roll < 0.06) return between(rand, 50, 150);
    return 1 + Math.floor(-Math.log(1 - rand()) * 11);
  });
  const scale = posts / raw.reduce((a, b) => a + b, 0);
  const counts = raw.map((n) => Math.max(1, Math.round(n * scale)));
  // Rounding leaves the total a little off: nudge random threads until it is exact.
  let total = counts.reduce((a, b) => a + b, 0);
  while (total !== posts) {
    const i = Math.floor(rand() * threads);
    const change = total < posts ? 1 : -1;
    if (counts[i]! + change < 1) continue;
    counts[i] = counts[i]! + change;
    total += change;
  }
  return counts;
}

async function seed(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  const phase = async (label: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    console.log(`  ${label.padEnd(48)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  };
  try {
    await client.query(`SET TIME ZONE 'UTC'; SET maintenance_work_mem = '256MB'`);
    const rand = random(42);

    await phase(`${USERS} members (every 20th an attorney)`, () =>
      client.query(
        `INSERT INTO "User" ("id", "email", "name", "role", "emailVerifiedAt", "updatedAt", "boardName")
         SELECT 'bu' || lpad(g::text, 4, '0'), 'member' || g || '@bench.test', ($1::text[])[1 + g % 20] || ' ' || ($2::text[])[1 + (g * 7) % 15],
           CASE WHEN g % 20 = 0 THEN 'ATTORNEY' ELSE 'APPLICANT' END::"Role", now(), now(),
           CASE WHEN g % 3 = 0 THEN 'member_' || g ELSE NULL END
         FROM generate_series(0, $3 - 1) g`,
        [NAMES, SURNAMES, USERS],
      ),
    );

    const templates = bodyTemplates(BODY_TEMPLATES);
    const lengths = templates.map((t) => t.length).sort((a, b) => a - b);
    await phase(`${BODY_TEMPLATES} body templates (${lengths[0]}-${lengths.at(-1)} chars, median ${lengths[lengths.length >> 1]})`, () =>
      // {n} becomes digits below, which Markdown leaves alone: the rendered template takes the same replacement.
      client.query(`CREATE TEMP TABLE bench_body AS SELECT (i - 1)::int AS i, body, html FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS b(body, html, i)`, [
        templates,
        templates.map((t) => renderPostMarkdown(t)),
      ]),
    );

    const counts = postCounts(THREADS, POSTS, rand);
    const totalWeight = CATEGORIES.reduce((a, c) => a + c.weight, 0);
    const now = Date.now() / 1000;
    const threeYears = 3 * 365 * 86400;
    const plan = { id: [] as string[], category: [] as string[], author: [] as string[], title: [] as string[], slug: [] as string[], posts: counts, created: [] as number[], step: [] as number[], locked: [] as boolean[] };
    counts.forEach((n, i) => {
      let w = rand() * totalWeight;
      const category = CATEGORIES.find((c) => (w -= c.weight) < 0) ?? CATEGORIES[0];
      const title = `${pick(rand, category.stems)} ${pick(rand, TITLE_TAILS)}`;
      // Replies every 10 minutes to 2 days, the whole thread within the last three years.
      const step = Math.min(600 * Math.exp(rand() * Math.log(288)), (threeYears * 0.9) / Math.max(1, n - 1));
      const span = step * (n - 1);
      plan.id.push(`bt${String(i).padStart(6, "0")}`);
      plan.category.push(category.id);
      plan.author.push(userId(Math.floor(rand() * USERS)));
      plan.title.push(title);
      plan.slug.push(slugify(title));
      plan.created.push(now - span - rand() * (threeYears - span));
      plan.step.push(step);
      plan.locked.push(rand() < 0.02);
    });
    await phase(`${THREADS.toLocaleString("en-US")} threads`, async () => {
      await client.query(
        `CREATE TEMP TABLE bench_plan AS
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::float8[], $8::float8[], $9::bool[])
           AS p(id, category_id, author_id, title, slug, posts, created_epoch, step_seconds, locked)`,
        [plan.id, plan.category, plan.author, plan.title, plan.slug, plan.posts, plan.created, plan.step, plan.locked],
      );
      await client.query(
        `INSERT INTO "BoardThread" ("id", "categoryId", "authorId", "title", "slug", "state", "locked", "lastPostAt", "createdAt")
         SELECT id, category_id, author_id, title, slug, 'PUBLISHED', locked, to_timestamp(created_epoch), to_timestamp(created_epoch) FROM bench_plan`,
      );
    });

    // Bulk load without the post indexes, then build them once: much faster than 200,000 GIN insertions.
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'BoardPost' AND indexname <> 'BoardPost_pkey'`,
    );
    // In the order they were written, so a thread's posts lie scattered over the table as in a live database.
    await phase(`${POSTS.toLocaleString("en-US")} posts (about 0.5% hidden by moderators)`, async () => {
      for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
      await client.query(
        `INSERT INTO "BoardPost" ("id", "threadId", "authorId", "number", "body", "bodyHtml", "htmlVersion", "state", "createdAt")
         SELECT p.id || '_' || n, p.id,
           CASE WHEN n = 1 THEN p.author_id ELSE 'bu' || lpad((((hashtext(p.id || ':' || n)::bigint % $1) + $1) % $1)::text, 4, '0') END,
           -- {n} in a template becomes a number of days, weeks or months, so the copies of a template differ.
           n, replace(b.body, '{n}', (2 + (n * 7) % 40)::text), replace(b.html, '{n}', (2 + (n * 7) % 40)::text), ${RENDER_VERSION},
           CASE WHEN n > 1 AND ((hashtext('hidden' || p.id || n)::bigint % 200) + 200) % 200 = 0 THEN 'HIDDEN' ELSE 'PUBLISHED' END::"BoardContentState",
           to_timestamp(p.created_epoch + (n - 1) * p.step_seconds)
         FROM bench_plan p
         CROSS JOIN LATERAL generate_series(1, p.posts) AS n
         JOIN bench_body b ON b.i = ((hashtext(p.id || '#' || n)::bigint % $2) + $2) % $2
         ORDER BY 9`,
        [USERS, BODY_TEMPLATES],
      );
    });
    await phase(`post indexes (${indexes.length}, with the full-text GIN index)`, async () => {
      for (const index of indexes) await client.query(index.indexdef);
    });
    await phase("replyCount and lastPostAt from the published posts", () =>
      client.query(
        `UPDATE "BoardThread" t SET "replyCount" = s.replies, "lastPostAt" = s.last
         FROM (SELECT "threadId", (count(*) - 1)::int AS replies, max("createdAt") AS last FROM "BoardPost" WHERE "state" = 'PUBLISHED' GROUP BY "threadId") s
         WHERE s."threadId" = t."id"`,
      ),
    );
    // As autovacuum would have left a live database: statistics and the visibility map (index-only scans).
    await phase("VACUUM ANALYZE", () => client.query(`VACUUM (ANALYZE) "User", "BoardThread", "BoardPost"`));
    const { rows: size } = await client.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('"BoardPost"')) AS size`);
    console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; BoardPost with its indexes is ${size[0]!.size}`);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What the load generator asks for.

async function workload(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: threads } = await client.query<{ id: string; slug: string; visible: number }>(
      `SELECT t."id", t."slug", (t."replyCount" + 1)::int AS visible FROM "BoardThread" t WHERE t."state" = 'PUBLISHED' ORDER BY t."id"`,
    );
    const { rows: categories } = await client.query<{ slug: string; threads: number }>(
      `SELECT c."slug", count(t.*)::int AS threads FROM "BoardCategory" c LEFT JOIN "BoardThread" t ON t."categoryId" = c."id" AND t."state" = 'PUBLISHED' GROUP BY c."slug" ORDER BY c."slug"`,
    );
    const rand = random(99);
    const pages = (posts: number) => Math.max(1, Math.ceil(posts / POSTS_PER_PAGE));
    const threadUrl = (t: (typeof threads)[number], page: number) => `/boards/t/${t.id}/${t.slug}${page > 1 ? `?page=${page}` : ""}`;
    const long = threads.filter((t) => t.visible >= 200);
    const multiPage = threads.filter((t) => t.visible > POSTS_PER_PAGE);
    const threadUrls = Array.from({ length: 3000 }, () => {
      const roll = rand();
      if (roll < 0.6) return threadUrl(pick(rand, threads), 1);
      if (roll < 0.85) {
        const t = pick(rand, multiPage);
        return threadUrl(t, between(rand, 2, pages(t.visible)));
      }
      const t = pick(rand, long);
      return threadUrl(t, rand() < 0.3 ? pages(t.visible) : between(rand, 1, pages(t.visible)));
    });
    const totalThreads = categories.reduce((a, c) => a + c.threads, 0);
    const categoryUrls = Array.from({ length: 3000 }, () => {
      let w = rand() * totalThreads;
      const category = categories.find((c) => (w -= c.threads) < 0) ?? categories[0]!;
      const last = Math.max(1, Math.ceil(category.threads / THREADS_PER_PAGE));
      const roll = rand();
      const page = roll < 0.5 ? 1 : roll < 0.8 ? between(rand, 1, Math.min(10, last)) : between(rand, 1, last);
      return `/boards/${category.slug}${page > 1 ? `?page=${page}` : ""}`;
    });
    const queries = ["biometrics appointment", "priority date", "RFE response", "H-1B transfer", "naturalization interview", "green card interview", "asylum work permit", "oath ceremony", "civics test", "affidavit of support", "advance parole travel", "expedite request"];
    const searchUrls = queries.flatMap((q) => [`/boards/search?${new URLSearchParams({ q })}`, ...(rand() < 0.3 ? [`/boards/search?${new URLSearchParams({ q, page: "2" })}`] : [])]);
    const longest = Math.max(...threads.map((t) => t.visible));
    console.log(
      `  thread pages: 60% first pages, 25% later pages of ${multiPage.length.toLocaleString("en-US")} multi-page threads, 15% ${long.length} long threads (200+ posts, up to ${longest})`,
    );
    console.log(`  category pages: 50% page 1, 30% pages 1-10, 20% any page (up to ${Math.ceil(Math.max(...categories.map((c) => c.threads)) / THREADS_PER_PAGE)})`);
    const matching = [];
    for (const q of queries) {
      const { rows } = await client.query<{ posts: number }>(`SELECT count(*)::int AS posts FROM "BoardPost" WHERE "search" @@ websearch_to_tsquery('english', $1)`, [q]);
      matching.push(`"${q}" ${rows[0]!.posts.toLocaleString("en-US")}`);
    }
    console.log(`  search: ${queries.length} queries, some also on page 2; posts matching each: ${matching.join(", ")}`);
    return { threadUrls, categoryUrls, searchUrls };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring.

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** CPU seconds of a process (Linux /proc); with children, also those it has waited for. */
function cpuSeconds(pid: number, withExitedChildren = false) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]) + (withExitedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks / 100;
}

/** PostgreSQL's CPU seconds: the postmaster, every backend it runs, and those that have exited. */
function postgresCpuSeconds(postmasterPid: number) {
  let total = cpuSeconds(postmasterPid, true);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(fields[1]) === postmasterPid) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

function peakRssMb(pid: number) {
  const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  return kb / 1024;
}

type RunResult = {
  label: string;
  connections: number;
  load1: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failures: string;
  kbPerResponse: number;
  serverCpuMs: number;
  postgresCpuMs: number;
};

type Target = { base: string; serverPid: number; postmasterPid: number; db: pg.Client };
/** Closed loop: each connection sends its next request when the last one is answered. With a rate: open loop. */
type Load = { label: string; urls: string[]; connections: number; rate?: number; cookie?: string };
type Outcome = {
  latencies: number[];
  bytes: number;
  /** Requests answered in the measured window (throughput and CPU per request). */
  answered: number;
  seconds: number;
  timeouts: number;
  errors: number;
  otherStatuses: Record<string, number>;
  cpu: { server: number; postgres: number };
};

function cpuNow(target: Target) {
  return { server: cpuSeconds(target.serverPid), postgres: postgresCpuSeconds(target.postmasterPid) };
}

/**
 * One autocannon run; the first warmUp seconds are not measured. That also leaves out the start, when all
 * connections send at the same instant and some wait seconds for their first answer, which a running site never sees.
 * Latency is taken from requests sent after the warm-up, throughput from answers in the measured window.
 */
async function closedLoop(target: Target, work: Load, warmUp: number, seconds: number): Promise<Outcome> {
  let next = 0;
  const instance = autocannon({
    url: target.base,
    connections: work.connections,
    duration: warmUp + seconds,
    timeout: REQUEST_TIMEOUT_S,
    headers: work.cookie ? { cookie: work.cookie } : {},
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: work.urls[next++ % work.urls.length]! }) }],
  });
  const measuredFrom = performance.now() + warmUp * 1000;
  let cpuAtStart = cpuNow(target);
  const warm = setTimeout(() => (cpuAtStart = cpuNow(target)), warmUp * 1000);
  const latencies: number[] = [];
  let bytes = 0;
  let answered = 0;
  instance.on("response", (_client, _status, resBytes, responseTime) => {
    const now = performance.now();
    if (now < measuredFrom) return;
    answered++;
    bytes += resBytes;
    if (now - responseTime >= measuredFrom) latencies.push(responseTime);
  });
  const result = await instance;
  clearTimeout(warm);
  const cpuAtEnd = cpuNow(target);
  const otherStatuses = Object.fromEntries(Object.entries(result.statusCodeStats).filter(([code]) => !code.startsWith("2")).map(([code, { count }]) => [code, count]));
  return {
    latencies,
    bytes,
    answered,
    seconds: Math.max(0.001, result.duration - warmUp),
    timeouts: result.timeouts,
    errors: result.errors - result.timeouts,
    otherStatuses,
    cpu: { server: cpuAtEnd.server - cpuAtStart.server, postgres: cpuAtEnd.postgres - cpuAtStart.postgres },
  };
}

/**
 * Open loop: requests leave at even intervals whatever the server does, and latency counts from when a request
 * was due (autocannon's own rate limit sends each second's requests in a burst, which measures the burst).
 */
async function openLoop(target: Target, work: Load & { rate: number }, warmUp: number, seconds: number): Promise<Outcome> {
  await openLoopRequests(target, work, warmUp);
  const cpuAtStart = cpuNow(target);
  const outcome = await openLoopRequests(target, work, seconds);
  const cpuAtEnd = cpuNow(target);
  return { ...outcome, cpu: { server: cpuAtEnd.server - cpuAtStart.server, postgres: cpuAtEnd.postgres - cpuAtStart.postgres } };
}

async function openLoopRequests(target: Target, work: Load & { rate: number }, seconds: number): Promise<Omit<Outcome, "cpu">> {
  const pool = new Pool(target.base, { connections: work.connections, headersTimeout: REQUEST_TIMEOUT_S * 1000, bodyTimeout: REQUEST_TIMEOUT_S * 1000 });
  const outcome: Omit<Outcome, "cpu"> = { latencies: [], bytes: 0, answered: 0, seconds, timeouts: 0, errors: 0, otherStatuses: {} };
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < Math.round(work.rate * seconds); i++) {
    const due = started + (i * 1000) / work.rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    sent.push(
      pool.request({ method: "GET", path: work.urls[i % work.urls.length]! }).then(
        async (res) => {
          const body = await res.body.arrayBuffer();
          outcome.latencies.push(performance.now() - due);
          outcome.answered++;
          outcome.bytes += body.byteLength;
          if (res.statusCode >= 300) outcome.otherStatuses[res.statusCode] = (outcome.otherStatuses[res.statusCode] ?? 0) + 1;
        },
        (error: { code?: string }) => {
          if (error.code === "UND_ERR_HEADERS_TIMEOUT" || error.code === "UND_ERR_BODY_TIMEOUT") outcome.timeouts++;
          else outcome.errors++;
        },
      ),
    );
  }
  await Promise.all(sent);
  await pool.close();
  return outcome;
}

const load = (target: Target, work: Load) =>
  work.rate ? openLoop(target, { ...work, rate: work.rate }, WARMUP_SECONDS, SECONDS) : closedLoop(target, work, WARMUP_SECONDS, SECONDS);

/**
 * Requests a run gave up on keep running in the server and in PostgreSQL (slow searches do): wait for them to
 * finish, so they do not slow down the next run.
 */
async function waitForIdle(target: Target) {
  const started = Date.now();
  while (Date.now() - started < 180_000) {
    const { rows } = await target.db.query<{ active: number }>(
      `SELECT count(*)::int AS active FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    if (rows[0]!.active === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const waited = (Date.now() - started) / 1000;
  if (waited > 1) console.log(`  (waited ${waited.toFixed(0)} s for queries of abandoned requests to finish)`);
}

async function measure(target: Target, work: Load): Promise<RunResult> {
  await waitForIdle(target);
  const load1 = os.loadavg()[0]!;
  const outcome = await load(target, work);
  // A request that timed out took longer than anything answered: it counts in the percentiles.
  const sorted = [...outcome.latencies, ...Array<number>(outcome.timeouts).fill(Infinity)].sort((a, b) => a - b);
  const failures = [
    ...Object.entries(outcome.otherStatuses).map(([code, count]) => `${count}x${code}`),
    ...(outcome.timeouts ? [`${outcome.timeouts} timeouts`] : []),
    ...(outcome.errors ? [`${outcome.errors} errors`] : []),
  ].join(" ");
  const run: RunResult = {
    label: work.label,
    connections: work.connections,
    load1,
    requestsPerSecond: outcome.answered / outcome.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    failures: failures || "0",
    kbPerResponse: outcome.bytes / 1024 / Math.max(1, outcome.answered),
    serverCpuMs: (outcome.cpu.server * 1000) / Math.max(1, outcome.answered),
    postgresCpuMs: (outcome.cpu.postgres * 1000) / Math.max(1, outcome.answered),
  };
  console.log(`  ${work.label}${work.rate ? "" : ` at ${work.connections} connections`}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${ms(run.p99)} ms (load average at start ${load1.toFixed(2)})`);
  return run;
}

const ms = (value: number) => (Number.isNaN(value) ? "-" : Number.isFinite(value) ? value.toFixed(1) : `>${REQUEST_TIMEOUT_S * 1000}`);

function table(runs: RunResult[]) {
  const header = ["route", "conn", "load1", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-2xx/err", "KB/resp", "app CPU ms/req", "PG CPU ms/req"];
  const rows = runs.map((r) => [
    r.label,
    String(r.connections),
    r.load1.toFixed(2),
    r.requestsPerSecond.toFixed(0),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    ms(r.max),
    r.failures,
    r.kbPerResponse.toFixed(1),
    r.serverCpuMs.toFixed(2),
    r.postgresCpuMs.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A few of each kind of page must answer 200 before anything is measured. */
async function checkPages(base: string, urls: string[]) {
  for (const url of urls) {
    const res = await fetch(`${base}${url}`, { redirect: "manual" });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  }
}

/** A signed-in member's cookie (a seeded applicant, not a moderator): their pages never come from the guest cache. */
async function memberCookie(databaseUrl: string) {
  const token = randomBytes(32).toString("base64url");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO "Session" ("id", "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [createHash("sha256").update(token).digest("hex"), userId(1)]);
  } finally {
    await client.end();
  }
  const cookie = createCookie("__passage_session", { secrets: [SESSION_SECRET], path: "/" });
  return (await cookie.serialize(token)).split(";")[0]!;
}

type Server = Awaited<ReturnType<typeof startChildServer>>;

async function stopServer(server: Server) {
  // A profiling server writes its profile as it exits: wait for that.
  const { child } = server;
  const exited = child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null;
  server.stop();
  await exited;
}

/**
 * Builds and starts a production server. The test suite builds into the same build/ folder (not for production),
 * so a test run starting at the same moment can replace the build before the server loads it: then build again.
 */
async function startBenchServer(databaseUrl: string, pages: string[]) {
  for (let attempt = 1; ; attempt++) {
    await promisify(execFile)(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], { cwd: root });
    const server = await startChildServer({
      port: await freePort(),
      env: { NODE_ENV: "production", DATABASE_URL: databaseUrl, SESSION_SECRET, BENCH_BARE_ROUTE: "true" },
      nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean),
    });
    try {
      await checkPages(server.url, pages);
      return server;
    } catch (error) {
      await stopServer(server);
      if (attempt === 3) throw error;
      console.log(`  ${error instanceof Error ? error.message.split("\n")[0] : error}: building again (a test run may have replaced build/)`);
    }
  }
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "passage-bench-boards-"));
  const pgDir = path.join(dataDir, "pg");
  console.log(`Load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs; the load generator runs on the same machine)`);
  console.log("Starting PostgreSQL...");
  const db = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort(), databaseName: "passage_bench", persistent: false });
  let server: Server | undefined;
  try {
    await migrateDatabase(db.url);
    console.log(`Seeding ${THREADS.toLocaleString("en-US")} threads and ${POSTS.toLocaleString("en-US")} posts:`);
    await seed(db.url);
    const urls = await workload(db.url);
    console.log("Building and starting the server...");
    server = await startBenchServer(db.url, ["/bench/bare", ...urls.categoryUrls.slice(0, 10), ...urls.threadUrls.slice(0, 20), ...urls.searchUrls.slice(0, 3)]);
    const dbClient = new pg.Client({ connectionString: db.url });
    await dbClient.connect();
    const target: Target = {
      base: server.url,
      serverPid: server.child.pid!,
      postmasterPid: Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]),
      db: dbClient,
    };

    console.log(`\nLoad: ${SECONDS} s per run after ${WARMUP_SECONDS} s of warm-up, anonymous readers, keep-alive over loopback, ${REQUEST_TIMEOUT_S} s timeout`);
    const bare = await measure(target, { label: "bare Remix route (ceiling)", urls: ["/bench/bare"], connections: CONNECTIONS });
    const category = await measure(target, { label: "category page", urls: urls.categoryUrls, connections: CONNECTIONS });
    const thread = await measure(target, { label: "thread page", urls: urls.threadUrls, connections: CONNECTIONS });
    // The same pages at a steady rate the server can sustain: latency without the queue a closed loop builds.
    const rate = Number(args["thread-rate"]) || Math.max(1, Math.round(thread.requestsPerSecond / 2));
    const threadSteady = await measure(target, { label: `thread page, open loop ${rate} req/s`, urls: urls.threadUrls, connections: CONNECTIONS, rate });
    const searchFew = await measure(target, { label: "search", urls: urls.searchUrls, connections: SEARCH_CONNECTIONS });
    const search = SEARCH_CONNECTIONS !== CONNECTIONS ? await measure(target, { label: "search", urls: urls.searchUrls, connections: CONNECTIONS }) : searchFew;
    const cookie = await memberCookie(db.url);
    const memberCategory = await measure(target, { label: "category page, member (uncached)", urls: urls.categoryUrls, connections: CONNECTIONS, cookie });
    const memberThread = await measure(target, { label: "thread page, member (uncached)", urls: urls.threadUrls, connections: CONNECTIONS, cookie });
    const memberSearch = await measure(target, { label: "search, member (uncached)", urls: urls.searchUrls, connections: SEARCH_CONNECTIONS, cookie });
    await dbClient.end();
    const runs = [bare, category, thread, threadSteady, searchFew, ...(search !== searchFew ? [search] : []), memberCategory, memberThread, memberSearch];

    console.log(`\nClosed loop (autocannon) unless marked open loop; latency in ms; CPU per answered request\n${table(runs)}\n`);
    const share = (r: RunResult) => `${((100 * r.requestsPerSecond) / bare.requestsPerSecond).toFixed(0)}% of the bare ceiling`;
    console.log(`category page: ${share(category)}; thread page: ${share(thread)} (guests, from the cache when it has the page)`);
    console.log(`uncached (member): category page: ${share(memberCategory)}; thread page: ${share(memberThread)}, p99 ${ms(memberThread.p99)} ms; search p95 ${ms(memberSearch.p95)} ms at ${memberSearch.connections} connections`);
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(`goal: thread page >= ${GOAL_THREAD_SHARE * 100}% of the ceiling -> ${verdict(thread.requestsPerSecond >= GOAL_THREAD_SHARE * bare.requestsPerSecond)}`);
    console.log(`goal: thread page p99 < ${GOAL_THREAD_P99_MS} ms at ${CONNECTIONS} connections -> ${verdict(thread.p99 < GOAL_THREAD_P99_MS)} (${ms(thread.p99)} ms; open loop at ${rate} req/s: ${ms(threadSteady.p99)} ms)`);
    console.log(
      `  (${CONNECTIONS} connections in a closed loop queue behind each other: mean latency = connections / throughput, ${((1000 * CONNECTIONS) / bare.requestsPerSecond).toFixed(0)} ms even for the bare route)`,
    );
    console.log(`goal: search p95 < ${GOAL_SEARCH_P95_MS} ms -> ${verdict(searchFew.p95 < GOAL_SEARCH_P95_MS)} at ${searchFew.connections} connections (${ms(searchFew.p95)} ms)${search !== searchFew ? `; at ${CONNECTIONS}: ${ms(search.p95)} ms` : ""}`);
    console.log(`server peak RSS (VmHWM): ${peakRssMb(target.serverPid).toFixed(0)} MB; load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    if (process.env.BENCH_SERVER_LOG) console.log(server?.output());
    if (server) await stopServer(server);
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
