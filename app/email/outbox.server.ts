import { getEnv } from "~/env.server";

/** The dev outbox holds real links and personal data, so it exists only outside production. */
export function requireDevOutbox(_request: Request) {
  if (!getEnv().devOutboxEnabled) throw new Response("Not found", { status: 404 });
}
