import { randomUUID } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { encryptTotpSecret } from "~/auth/totp-crypto.server";
import { prisma } from "~/db.server";
import type { CaseType, Role } from "~/generated/prisma/enums";

export const TEST_PASSWORD = "correct horse battery staple";
/** Every test user with two-factor on shares this authenticator secret; logIn() answers the second step with it. */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

let passwordHash: Promise<string> | undefined;

export function uniqueEmail(label = "user") {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Staff must have two-factor on, so staff get it by default; `twoFactor` overrides that for any role. */
export async function createUser(options: { role?: Role; verified?: boolean; name?: string; email?: string; twoFactor?: boolean } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const role = options.role ?? "APPLICANT";
  const twoFactor = options.twoFactor ?? role !== "APPLICANT";
  return prisma.user.create({
    data: {
      email: options.email ?? uniqueEmail(role.toLowerCase()),
      name: options.name ?? `Test ${role.toLowerCase()} ${randomUUID().slice(0, 4)}`,
      role,
      passwordHash: await passwordHash,
      emailVerifiedAt: options.verified === false ? null : new Date(),
      ...(twoFactor ? { totpSecret: encryptTotpSecret(TEST_TOTP_SECRET), totpEnabledAt: new Date() } : {}),
    },
  });
}

export async function createCase(options: { applicantId: string; assignees?: { id: string; role: Role }[]; type?: CaseType; title?: string }) {
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  return prisma.case.create({
    data: {
      reference: `PSG-TEST-${suffix}`,
      applicantId: options.applicantId,
      type: options.type ?? "I130_FAMILY_PETITION",
      title: options.title ?? `Test case ${suffix}`,
      assignments: {
        create: (options.assignees ?? []).map((a) => ({ userId: a.id, role: a.role === "PARALEGAL" ? "PARALEGAL" : "ATTORNEY" })),
      },
    },
  });
}

/** The usual cast: an applicant with a case, the attorney assigned to it, another attorney, another applicant, an admin. */
export async function createCaseWorld() {
  const [applicant, otherApplicant, assigned, unassigned, paralegal, admin] = await Promise.all([
    createUser({ role: "APPLICANT" }),
    createUser({ role: "APPLICANT" }),
    createUser({ role: "ATTORNEY" }),
    createUser({ role: "ATTORNEY" }),
    createUser({ role: "PARALEGAL" }),
    createUser({ role: "ADMIN" }),
  ]);
  const theCase = await createCase({ applicantId: applicant.id, assignees: [assigned, paralegal] });
  return { applicant, otherApplicant, assigned, unassigned, paralegal, admin, theCase };
}
