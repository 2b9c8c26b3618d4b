import { hashPassword } from "../app/auth/password.server.ts";
import { encryptTotpSecret } from "../app/auth/totp-crypto.server.ts";
import { twoFactorRequiredFor } from "../app/auth/two-factor.server.ts";
import { prisma } from "../app/db.server.ts";
import { getTemplate } from "../app/questionnaires/templates/index.ts";

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
      nextDeadline: new Date(now + 21 * day),
      receipts: { create: [{ number: "IOE0912345678", formType: "I-130" }] },
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
      nextDeadline: new Date(now + 10 * day),
      // A receipt the local fake USCIS API walks through every stage of an I-765 (server/fake-uscis.ts).
      receipts: { create: [{ number: "IOE0925000002", formType: "I-765" }] },
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

  await prisma.case.create({
    data: {
      reference: "PSG-2026-DEMO03",
      applicantId: users.wei.id,
      type: "N400_NATURALIZATION",
      title: "Naturalization for Wei Chen",
      status: "INTERVIEW_SCHEDULED",
      filedAt: new Date(now - 200 * day),
      nextDeadline: new Date(now + 35 * day),
      receipts: { create: [{ number: "IOE0987654321", formType: "N-400" }] },
      assignments: { create: [{ userId: users.attorney2.id, role: "ATTORNEY", assignedById: users.admin.id }] },
      events: { create: [{ kind: "opened", summary: "Case opened", actorId: users.admin.id }] },
    },
  });

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
  const receipts = await prisma.receiptNumber.findMany({ select: { number: true } });
  await prisma.trackedReceipt.createMany({ data: receipts.map((r) => ({ number: r.number, nextCheckAt: new Date() })), skipDuplicates: true });

  console.log(`Seeded demo data: case ${petition.reference} and two more.`);
  return true;
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
