/**
 * Every cookie Passage sets, for the cookie notice and the privacy page. A unit test
 * (tests/unit/privacy-inventory.test.ts) reads every createCookie("…") in app/ and fails when one is not listed
 * here, so a new cookie cannot appear without being described. All of them are essential: none is for analytics,
 * advertising or tracking, and a visit that does not sign in sets none of them.
 */

export type EssentialCookie = { name: string; purpose: string; setWhen: string; lifetime: string; holds: string };

export const COOKIE_NOTICE_COOKIE = "__passage_cookie_notice";

export const ESSENTIAL_COOKIES: EssentialCookie[] = [
  {
    name: "__passage_session",
    purpose: "Keeps you signed in.",
    setWhen: "When you sign in or create an account.",
    lifetime: "Until you log out, or at most the session limit (12 hours by default; staff are signed out after 30 idle minutes).",
    holds: "A random value, signed; the server stores only its hash.",
  },
  {
    name: "__passage_2fa",
    purpose: "Remembers, for the two-factor step only, that your password was right.",
    setWhen: "After your password, when your account has two-factor sign-in.",
    lifetime: "5 minutes, and only sent to the sign-in pages.",
    holds: "A random value, signed.",
  },
  {
    name: "__passage_device",
    purpose: "Recognises a browser you signed in from before, so we can email you about sign-ins from new browsers.",
    setWhen: "When you sign in.",
    lifetime: "400 days, renewed at each sign-in.",
    holds: "A random value, signed; the server stores only its hash.",
  },
  {
    name: COOKIE_NOTICE_COOKIE,
    purpose: "Remembers that you closed this cookie notice, so it is not shown again.",
    setWhen: "When you press \"Hide this notice\".",
    lifetime: "1 year.",
    holds: "The word \"hidden\": nothing that identifies you or your browser.",
  },
];

/**
 * Besides cookies, the page framework (Remix) keeps two things in the tab's session storage: scroll positions, so
 * Back returns to where you were, and the version of the app's route list. They stay in the browser, are never
 * sent to Passage, and are gone when the tab closes.
 */
export const SESSION_STORAGE_KEYS = ["positions", "react-router-scroll-positions", "remix-manifest-version"];
