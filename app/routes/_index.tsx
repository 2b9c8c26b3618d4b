import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page: the user is only used to choose the call to action.
  const user = await getSessionUser(request);
  return json({ signedIn: Boolean(user) });
}

export default function Index() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <section className="hero">
      <h1>Your immigration case, in one secure place</h1>
      <p className="lead">
        Passage connects you with your attorney: see where your case stands, what happens next, and every update from the
        firm, protected by your own password.
      </p>
      <p className="actions">
        {signedIn ? (
          <Link className="button" to="/cases">
            Go to my cases
          </Link>
        ) : (
          <>
            <Link className="button" to="/register">
              Create an account
            </Link>
            <Link className="button button-secondary" to="/login">
              Log in
            </Link>
          </>
        )}
      </p>
    </section>
  );
}
