import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedCalendar } from "~/tasks/feed.server";
import { clientIp } from "~/utils/http.server";

/**
 * A person's calendar feed. Calendar apps cannot log in, so the secret token in the URL is the authorisation
 * (app/tasks/feed.server.ts); an unknown, regenerated or revoked token answers 404. `?scope=all` includes what
 * colleagues on the person's cases are responsible for.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = new URL(request.url).searchParams.get("scope") === "all" ? "all" : "mine";
  const body = params.token ? await feedCalendar(params.token, { scope, ip: clientIp(request) }) : null;
  if (!body) return new Response("This calendar feed does not exist or was turned off.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="passage-deadlines.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
