import { json, redirect } from "@remix-run/node";
import { setPasswordWithToken } from "~/auth/accounts.server";
import { ZResetPassword } from "~/auth/schemas";
import { completeSignIn } from "~/auth/sign-in.server";
import { peekToken } from "~/auth/tokens.server";
import { prisma } from "~/db.server";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, readForm } from "~/utils/http.server";

type Purpose = "RESET_PASSWORD" | "INVITE";

/** Loader for a page behind an emailed link: the token is the credential, so it is checked first. */
export async function loadTokenPage(request: Request, purpose: Purpose) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const owner = token ? await peekToken(prisma, token, purpose) : null;
  return json({ token, valid: Boolean(owner), name: owner?.name ?? null });
}

/** Sets the password, then logs the user in with a fresh session (all older sessions were revoked). */
export async function submitNewPassword(request: Request, purpose: Purpose) {
  const parsed = parseForm(await readForm(request), ZResetPassword);
  if (!parsed.ok) return parsed.response;
  const result = await setPasswordWithToken(parsed.value.token, parsed.value.password, purpose, clientIp(request));
  if (!result.ok) return rejectForm(parsed.submission, result);
  return redirect("/cases", { headers: await completeSignIn({ userId: result.value.userId, request, via: purpose === "INVITE" ? "invite" : "reset" }) });
}
