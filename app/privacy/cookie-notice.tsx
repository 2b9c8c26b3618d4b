import { Link, useFetcher, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * Tells every visitor that Passage sets only essential cookies, until they hide it. Hiding sets one preference
 * cookie holding a constant (described on /privacy); a visitor who never hides the notice gets no cookie from it.
 * With JavaScript the notice goes away in place; without it, the form posts and comes back to the same page.
 */
export function CookieNotice() {
  const data = useRouteLoaderData<{ cookieNotice?: boolean }>("root");
  const fetcher = useFetcher<{ hidden: boolean }>();
  const location = useLocation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!data?.cookieNotice || fetcher.state !== "idle" || fetcher.data?.hidden) return null;
  return (
    <aside className="container" aria-label="Cookie notice">
      <div className="notice notice-info">
        <p>
          Passage sets only essential cookies: to keep you signed in, to finish two-factor sign-in, and to recognise a browser you signed in from before.
          No analytics, no advertising, no tracking. <Link to="/privacy#cookies">How Passage uses cookies</Link>
        </p>
        <fetcher.Form method="post" action="/privacy" className="inline-form">
          <input type="hidden" name="intent" value="hide-cookie-notice" />
          {hydrated ? null : <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />}
          <button type="submit" className="button button-secondary button-small">
            Hide this notice
          </button>
        </fetcher.Form>
      </div>
    </aside>
  );
}
