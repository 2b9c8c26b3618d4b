import { createCookie } from "@remix-run/node";
import { getEnv } from "~/env.server";

/**
 * Remembers that the cookie notice was closed. It holds a constant, nothing that tells one browser from another,
 * so it is a preference, not an identifier; a visitor who never closes the notice gets no cookie at all.
 */
const cookieNoticeCookie = createCookie("__passage_cookie_notice", {
  httpOnly: true,
  secure: getEnv().NODE_ENV === "production",
  sameSite: "lax",
  path: "/",
  maxAge: 365 * 24 * 3600,
});

const HIDDEN = "hidden";

export async function cookieNoticeHidden(request: Request) {
  return (await cookieNoticeCookie.parse(request.headers.get("Cookie"))) === HIDDEN;
}

export function hideCookieNoticeHeader() {
  return cookieNoticeCookie.serialize(HIDDEN);
}
