import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getSessionUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getEnv } from "~/env.server";
import { CookieNotice } from "~/privacy/cookie-notice";
import { cookieNoticeHidden } from "~/privacy/cookie-notice.server";
import { unreadMessageCount } from "~/messages/messages.server";
import { useUnreadMessages } from "~/messages/unread";
import stylesUrl from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Passage" },
  { name: "description", content: "Your immigration case, in one secure place." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public layout: the user is optional here, and each child route enforces its own access.
  const user = await getSessionUser(request);
  return json({
    user: user ? { id: user.id, name: user.name, role: user.role, emailVerified: Boolean(user.emailVerifiedAt) } : null,
    unreadMessages: user?.emailVerifiedAt ? await unreadMessageCount(user) : 0,
    devOutbox: getEnv().devOutboxEnabled,
    cookieNotice: !(await cookieNoticeHidden(request)),
  });
}

export type RootData = typeof loader;

function Header() {
  const data = useRouteLoaderData<RootData>("root");
  const user = data?.user;
  const unreadMessages = useUnreadMessages(data?.unreadMessages ?? 0);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav aria-label="Main" className="nav">
        <Link to="/" className="brand">
          Passage
        </Link>
        <div className="nav-links">
          {user ? (
            <>
              <NavLink to="/cases">{user.role === "APPLICANT" ? "My cases" : "Cases"}</NavLink>
              <NavLink to="/messages">{unreadMessages > 0 ? `Messages (${unreadMessages} unread)` : "Messages"}</NavLink>
              {user.role === "ADMIN" ? <NavLink to="/admin/users">People</NavLink> : null}
              {user.role === "ADMIN" ? <NavLink to="/admin/cases/new">New case</NavLink> : null}
              {user.role === "ADMIN" ? <NavLink to="/admin/forms">Forms</NavLink> : null}
              {user.role === "ADMIN" ? <NavLink to="/admin/api-keys">API keys</NavLink> : null}
              {user.role === "ADMIN" ? <NavLink to="/admin/newsletter">Newsletter</NavLink> : null}
              {user.role === "ADMIN" ? <NavLink to="/admin/moderators">Moderators</NavLink> : null}
              {user.role !== "APPLICANT" ? <NavLink to="/expirations">Expirations</NavLink> : null}
              <NavLink to="/deadlines">Deadlines</NavLink>
              <NavLink to="/boards">Boards</NavLink>
              <NavLink to="/status">Status alerts</NavLink>
              <NavLink to="/settings/notifications">Notifications</NavLink>
              <NavLink to="/settings/board-profile">Board name</NavLink>
              <NavLink to="/settings/password">Account</NavLink>
              <NavLink to="/settings/sessions">Sessions</NavLink>
              <NavLink to="/settings/privacy">Your data</NavLink>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  Log out
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/boards">Boards</NavLink>
              <NavLink to="/status">Status alerts</NavLink>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/register">Create account</NavLink>
            </>
          )}
          {data?.devOutbox ? <NavLink to="/dev/outbox">Dev outbox</NavLink> : null}
        </div>
      </nav>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" className="container">
          {children}
        </main>
        <CookieNotice />
        <footer className="container muted">
          <Link to="/privacy">Privacy</Link>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
