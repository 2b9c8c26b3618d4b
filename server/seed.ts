import { hashPassword } from "../app/auth/password.server.ts";
import { encryptTotpSecret } from "../app/auth/totp-crypto.server.ts";
import { twoFactorRequiredFor } from "../app/auth/two-factor.server.ts";
import { prisma } from "../app/db.server.ts";
import { getTemplate } from "../app/questionnaires/templates/index.ts";
import { receiptColumns } from "../app/status/sealed-receipts.server.ts";
import { getTaskConfig } from "../app/tasks/config.server.ts";
import { addDays, dayInZone, weekStart, zonedTimeToInstant } from "../app/tasks/time-zones.ts";

export const DEMO_PASSWORD = "passage-demo-2026";
/** Published on purpose: staff must use two-factor login, and people trying the demo need the authenticator key. */
export const DEMO_TOTP_SECRET = "PASSAGEDEMOSTAFFTOTPKEY234567ABC";

export const DEMO_ACCOUNTS = [
  { email: "admin@passage.test", name: "Alex Admin", role: "ADMIN" },
  { email: "attorney@passage.test", name: "Amira Attorney", role: "ATTORNEY" },
  { email: "paralegal@passage.test", name: "Pablo Paralegal", role: "PARALEGAL" },
  { email: "attorney2@passage.test", name: "Omar Other-Attorney", role: "ATTORNEY" },
  { email: "maria@passage.test", name: "Maria Garcia", role: "APPLICANT" },
  { email: "wei@passage.test", name: "Wei Chen", role: "APPLICANT" },
] as const;

/** Seeds demo accounts and cases into an empty database; does nothing once any user exists. */
export async function seedDemoData() {
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = Object.fromEntries(
    await Promise.all(
      DEMO_ACCOUNTS.map(async (a) => [
        a.email.split("@")[0],
        await prisma.user.create({
          data: {
            ...a,
            passwordHash,
            emailVerifiedAt: new Date(),
            ...(twoFactorRequiredFor(a.role) ? { totpSecret: encryptTotpSecret(DEMO_TOTP_SECRET), totpEnabledAt: new Date() } : {}),
          },
        }),
      ]),
    ),
  );
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();

  const petition = await prisma.case.create({
    data: {
      reference: "PSG-2026-DEMO01",
      applicantId: users.maria.id,
      type: "I130_FAMILY_PETITION",
      title: "Spousal petition for Maria Garcia",
      status: "FILED",
      filedAt: new Date(now - 60 * day),
      priorityDate: new Date(now - 60 * day),
      receipts: { create: [{ ...receiptColumns("ReceiptNumber", "IOE0912345678"), formType: "I-130" }] },
      assignments: {
        create: [
          { userId: users.attorney.id, role: "ATTORNEY", assignedById: users.admin.id },
          { userId: users.paralegal.id, role: "PARALEGAL", assignedById: users.admin.id },
        ],
      },
      events: {
        create: [
          { kind: "opened", summary: "Case opened", actorId: users.admin.id, createdAt: new Date(now - 90 * day) },
          { kind: "status", summary: "Petition filed with USCIS", actorId: users.attorney.id, createdAt: new Date(now - 60 * day) },
          { kind: "receipt", summary: "Receipt number added for I-130", actorId: users.paralegal.id, createdAt: new Date(now - 55 * day) },
        ],
      },
      notes: {
        create: [
          { authorId: users.attorney.id, visibility: "CLIENT", body: "We filed your petition. Expect the receipt notice by mail within 30 days." },
          { authorId: users.paralegal.id, visibility: "STAFF", body: "Marriage certificate translation still pending certification." },
        ],
      },
    },
  });

  const workPermit = await prisma.case.create({
    data: {
      reference: "PSG-2026-DEMO02",
      applicantId: users.maria.id,
      type: "I765_WORK_PERMIT",
      title: "Work permit for Maria Garcia",
      status: "PREPARING",
      // A receipt the local fake USCIS API walks through every stage of an I-765 (server/fake-uscis.ts).
      receipts: { create: [{ ...receiptColumns("ReceiptNumber", "IOE0925000002"), formType: "I-765" }] },
      assignments: { create: [{ userId: users.paralegal.id, role: "PARALEGAL", assignedById: users.admin.id }] },
      expiries: { create: [{ kind: "I94", label: "I-94 admission record", expiresOn: new Date(now + 75 * day), createdById: users.paralegal.id }] },
      events: { create: [{ kind: "opened", summary: "Case opened", actorId: users.admin.id }] },
    },
  });

  // A questionnaire Maria has started, so the save-and-resume flow has something to resume.
  const i765 = getTemplate("i-765")!;
  await prisma.questionnaire.create({
    data: {
      caseId: workPermit.id,
      templateId: i765.id,
      templateVersion: i765.version,
      answers: {
        create: [
          { key: "applicant.name.family", value: "Garcia" },
          { key: "applicant.name.given", value: "Maria" },
          // Expires within 180 days, so the renewal reminders and the expirations list have something to show.
          { key: "applicant.passport.expiry", value: new Date(now + 150 * day).toISOString().slice(0, 10) },
        ],
      },
    },
  });

  const naturalization = await prisma.case.create({
    data: {
      reference: "PSG-2026-DEMO03",
      applicantId: users.wei.id,
      type: "N400_NATURALIZATION",
      title: "Naturalization for Wei Chen",
      status: "INTERVIEW_SCHEDULED",
      filedAt: new Date(now - 200 * day),
      receipts: { create: [{ ...receiptColumns("ReceiptNumber", "IOE0987654321"), formType: "N-400" }] },
      assignments: { create: [{ userId: users.attorney2.id, role: "ATTORNEY", assignedById: users.admin.id }] },
      events: { create: [{ kind: "opened", summary: "Case opened", actorId: users.admin.id }] },
    },
  });

  await seedDeadlines({ users, petition, workPermit, naturalization });
  await seedMessages({ users, petition, now });

  // A few public board threads, one answered by an attorney, so the message boards are not empty.
  const family = await prisma.boardCategory.findUnique({ where: { slug: "family-petitions" } });
  const citizenship = await prisma.boardCategory.findUnique({ where: { slug: "citizenship" } });
  if (family && citizenship) {
    await prisma.boardThread.create({
      data: {
        categoryId: family.id,
        authorId: users.maria.id,
        title: "How long after the I-130 receipt notice did your biometrics letter come?",
        slug: "how-long-after-the-i-130-receipt-notice-did-your-biometrics-letter-come",
        replyCount: 1,
        posts: {
          create: [
            { authorId: users.maria.id, number: 1, body: "We filed a spousal **I-130** two months ago and got the receipt notice. Nothing since. Is that normal?" },
            {
              authorId: users.attorney.id,
              number: 2,
              body: "For an I-130 on its own there is usually **no biometrics appointment**: that comes with the I-485 or at the consulate.\n\n> Is that normal?\n\nYes. Check processing times on uscis.gov and keep the receipt notice.",
            },
          ],
        },
      },
    });
    await prisma.boardThread.create({
      data: {
        categoryId: citizenship.id,
        authorId: users.wei.id,
        title: "What should I study for the naturalization civics test?",
        slug: "what-should-i-study-for-the-naturalization-civics-test",
        posts: { create: [{ authorId: users.wei.id, number: 1, body: "My N-400 interview is next month. Which materials did you use for the civics questions?" }] },
      },
    });
  }

  // Receipt numbers on cases are polled for their USCIS status (the first check runs as soon as the worker starts).
  const tracked = ["IOE0912345678", "IOE0925000002", "IOE0987654321"].map((number) => ({ ...receiptColumns("TrackedReceipt", number), nextCheckAt: new Date() }));
  await prisma.trackedReceipt.createMany({ data: tracked, skipDuplicates: true });

  console.log(`Seeded demo data: case ${petition.reference} and two more.`);
  return true;
}

type DemoUsers = Record<"maria" | "attorney" | "paralegal" | "attorney2", { id: string }>;

/**
 * Deadlines on the demo cases, relative to today in the firm's zone: an overdue one, one due this week, a to-do, and
 * appointments shown to the clients. Each case's next deadline is its earliest open deadline or appointment, as
 * app/tasks/tasks.server.ts keeps it.
 */
async function seedDeadlines({ users, petition, workPermit, naturalization }: { users: DemoUsers; petition: { id: string }; workPermit: { id: string }; naturalization: { id: string } }) {
  const timeZone = getTaskConfig().firmTimeZone;
  const today = dayInZone(new Date(), timeZone);
  // Three days ahead, but never past Sunday, so it is in this week's group on /deadlines.
  const thisWeek = [addDays(today, 3), addDays(weekStart(today), 6)].sort()[0]!;
  const appointment = (dayOffset: number, time: string) => {
    const dueDay = addDays(today, dayOffset);
    return { dueDay: new Date(`${dueDay}T00:00:00Z`), dueAt: zonedTimeToInstant(dueDay, time, timeZone) ?? zonedTimeToInstant(dueDay, "12:00", timeZone) };
  };
  const allDay = (dueDay: string) => ({ dueDay: new Date(`${dueDay}T00:00:00Z`), dueAt: null });
  const tasks = [
    {
      caseId: petition.id,
      kind: "OTHER_DEADLINE" as const,
      title: "Certified translation of the marriage certificate",
      notes: "The translator promised it last week; chase them.",
      ...allDay(addDays(today, -2)),
      assigneeId: users.paralegal.id,
    },
    {
      caseId: petition.id,
      kind: "RFE_RESPONSE" as const,
      title: "RFE response: proof of bona fide marriage",
      notes: "Joint lease, bank statements, photos over time.",
      ...allDay(thisWeek),
      noticeDate: new Date(`${addDays(thisWeek, -87)}T00:00:00Z`),
      responseDays: 87,
      assigneeId: users.attorney.id,
    },
    { caseId: petition.id, kind: "TASK" as const, title: "Call Maria about the joint bank statements", ...allDay(addDays(today, 1)), assigneeId: users.attorney.id },
    {
      caseId: workPermit.id,
      kind: "BIOMETRICS" as const,
      title: "Biometrics appointment",
      notes: "Application support center on the notice; bring the notice and a photo ID.",
      ...appointment(12, "09:30"),
      assigneeId: users.paralegal.id,
      clientVisible: true,
    },
    { caseId: naturalization.id, kind: "INTERVIEW" as const, title: "Naturalization interview", ...appointment(35, "10:00"), assigneeId: users.attorney2.id, clientVisible: true },
  ];
  await prisma.caseTask.createMany({ data: tasks.map((t) => ({ timeZone, createdById: t.assigneeId, ...t })) });
  for (const caseId of [petition.id, workPermit.id, naturalization.id]) {
    const open = tasks.filter((t) => t.caseId === caseId && t.kind !== "TASK").map((t) => t.dueDay.getTime());
    await prisma.case.update({ where: { id: caseId }, data: { nextDeadline: open.length ? new Date(Math.min(...open)) : null } });
  }
}

/** A secure-message thread between Maria and her attorney on the petition: a question, a reply, and a staff-only note. */
async function seedMessages({ users, petition, now }: { users: DemoUsers; petition: { id: string }; now: number }) {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000);
  await prisma.messageThread.create({
    data: {
      caseId: petition.id,
      subject: "Which documents prove our marriage is real?",
      startedById: users.maria.id,
      createdAt: at(50),
      lastClientActivityAt: at(26),
      lastActivityAt: at(25),
      messages: {
        create: [
          {
            authorId: users.maria.id,
            fromClient: true,
            body: "Hello, the letter asks for proof that our marriage is genuine. What should I send?\nWe have a joint lease and some photos.",
            createdAt: at(50),
            receipts: { create: [{ userId: users.attorney.id, readAt: at(27) }] },
          },
          {
            authorId: users.attorney.id,
            fromClient: false,
            body: "Thank you, Maria. The joint lease is a good start. Please also upload 6 months of joint bank statements and photos from different times, with dates. The USCIS checklist is at https://www.uscis.gov/i-130",
            createdAt: at(26),
          },
          {
            authorId: users.attorney.id,
            fromClient: false,
            internal: true,
            body: "Staff only: the lease starts after the wedding date; ask for the earlier utility bills too.",
            createdAt: at(25),
          },
        ],
      },
    },
  });
}

export async function printDemoLogins() {
  const present = await prisma.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
  if (present === 0) return;
  console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email}`);
  console.log(
    `Staff logins ask for a two-factor code: add the key ${DEMO_TOTP_SECRET} (time-based, 6 digits) to an authenticator app.` +
      " The key is public: use it for the demo only.",
  );
}
