import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSessionUser, revokeSession } from "~/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Logging out changes state, so it is POST only; a GET just goes home.
  await getSessionUser(request);
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // Anyone may log out; a missing or expired session simply clears the cookie.
  await getSessionUser(request);
  return redirect("/login", { headers: { "Set-Cookie": await revokeSession(request) } });
}
