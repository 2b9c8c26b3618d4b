/**
 * The end of every way in (password, second factor, registration, invitation, password reset): a new session,
 * and the browser remembered for the account. A sign-in from a browser the account has not used before emails
 * the account holder, through the outbox in the same transaction as the session, so it is sent exactly once.
 */
import { createHash } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { createElement } from "react";
import NewDeviceLogin from "../../emails/new-device-login";
import { coarseIp, describeUserAgent } from "~/auth/device-info";
import { createSession } from "~/auth/session.server";
import { randomToken } from "~/auth/tokens.server";
import { prisma } from "~/db.server";
import { createContent, enqueueDeliveries, renderEmail } from "~/email/dispatch.server";
import { getEnv } from "~/env.server";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { clientIp } from "~/utils/http.server";

/** Browsers cap cookie lifetimes at 400 days; the cookie is set again at every sign-in. */
const DEVICE_COOKIE_DAYS = 400;

export const deviceCookie = createCookie("__passage_device", {
  httpOnly: true,
  secure: getEnv().NODE_ENV === "production",
  sameSite: "lax",
  path: "/",
  secrets: [getEnv().SESSION_SECRET],
  maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
});

export function deviceHash(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export async function readDeviceToken(request: Request): Promise<string | null> {
  const value = await deviceCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 32 ? value : null;
}

/** Whether this browser has signed in to the account before (it is then spared the account-wide login limit). */
export async function isKnownDevice(request: Request, email: string) {
  const token = await readDeviceToken(request);
  if (!token) return false;
  const found = await prisma.knownDevice.findFirst({ where: { tokenHash: deviceHash(token), user: { email } }, select: { id: true } });
  return Boolean(found);
}

/**
 * "password" and "two-factor" sign-ins notify about a new browser; the others come from an emailed link or from
 * creating the account, so the person is the one reading that inbox, and the browser is simply remembered.
 */
export type SignInVia = "password" | "two-factor" | "registration" | "invite" | "reset";

const EMAIL_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" });

/** Starts a session for the user and returns the Set-Cookie headers (session and device cookies). */
export async function completeSignIn({ userId, request, via }: { userId: string; request: Request; via: SignInVia }) {
  const now = new Date();
  const token = (await readDeviceToken(request)) ?? randomToken();
  const tokenHash = deviceHash(token);
  const notify = via === "password" || via === "two-factor";

  const known = await prisma.knownDevice.findUnique({ where: { userId_tokenHash: { userId, tokenHash } }, select: { id: true } });
  // The first browser an account ever uses is where it was created or first signed in to: nothing to warn about.
  const firstDevice = !known && (await prisma.knownDevice.count({ where: { userId } })) === 0;
  const email = !known && !firstDevice && notify ? await newDeviceEmail({ userId, request, now }) : null;

  const sessionCookie = await prisma.$transaction(async (tx) => {
    // An upsert, so two sign-ins racing from one new browser make one row and, by its id, one email.
    const device = await tx.knownDevice.upsert({
      where: { userId_tokenHash: { userId, tokenHash } },
      create: { userId, tokenHash, createdAt: now, lastLoginAt: now },
      update: { lastLoginAt: now },
      select: { id: true },
    });
    if (email) {
      const contentId = await createContent(tx, email.content);
      await enqueueDeliveries(tx, [{ dedupeKey: `new-device:${device.id}`, kind: "new-device-login", to: email.to, contentId }]);
    }
    return createSession(tx, userId, request, now);
  });
  if (email) await nudgeDispatcher();

  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie);
  headers.append("Set-Cookie", await deviceCookie.serialize(token));
  return headers;
}

async function newDeviceEmail({ userId, request, now }: { userId: string; request: Request; now: Date }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  const rendered = await renderEmail(
    createElement(NewDeviceLogin, {
      name: user.name,
      when: `${EMAIL_TIME.format(now)} UTC`,
      device: describeUserAgent(request.headers.get("user-agent")),
      network: coarseIp(clientIp(request)),
      sessionsUrl: new URL("/settings/sessions", getEnv().APP_URL).toString(),
    }),
  );
  return { to: user.email, content: { subject: "New sign-in to your Passage account", ...rendered } };
}
