import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { ESSENTIAL_COOKIES, SESSION_STORAGE_KEYS } from "~/privacy/cookies";
import { hideCookieNoticeHeader } from "~/privacy/cookie-notice.server";
import { DATA_GROUPS, DATA_INVENTORY, OTHER_STORES, type DataGroup } from "~/privacy/inventory";
import { ZCookieNotice } from "~/privacy/schemas";
import { safeRedirect, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [
  { title: "Privacy · Passage" },
  { name: "description", content: "What Passage stores about you, why, for how long, and who can see it; your cookies; downloading and deleting your data." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // A public page: the visitor is optional, and only decides which links are offered.
  const user = await getSessionUser(request);
  const groups = (Object.keys(DATA_GROUPS) as DataGroup[]).map((group) => ({
    group,
    title: DATA_GROUPS[group],
    entries: Object.entries(DATA_INVENTORY)
      .filter(([, entry]) => entry.group === group)
      .map(([model, entry]) => ({ model, ...entry })),
  }));
  return json({ signedIn: Boolean(user), deleted: new URL(request.url).searchParams.get("deleted") === "1", groups, cookies: ESSENTIAL_COOKIES, sessionStorageKeys: SESSION_STORAGE_KEYS, otherStores: OTHER_STORES });
}

/** Hides the cookie notice: the only thing posted here, by anyone, signed in or not. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = ZCookieNotice.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ hidden: false, message: "Unknown request" }, { status: 400 });
  const headers = { "Set-Cookie": await hideCookieNoticeHeader() };
  if (parsed.data.redirectTo) return redirect(safeRedirect(parsed.data.redirectTo, "/"), { headers });
  return json({ hidden: true }, { headers });
}

export default function PrivacyPage() {
  const { signedIn, deleted, groups, cookies, sessionStorageKeys, otherStores } = useLoaderData<typeof loader>();
  return (
    <article className="card stack" aria-labelledby="privacy-title">
      {deleted ? (
        <div className="notice notice-success" role="status">
          Your account was deleted and you are signed out. We sent a last email to your address to confirm it.
        </div>
      ) : null}
      <h1 id="privacy-title">Privacy</h1>
      <p className="lead">
        Passage is the case portal of an immigration law firm. This page lists everything it stores, why, for how long and who can see it. It is generated from
        the same list the software checks itself against, so a new kind of data cannot be added without being described here.
      </p>

      <section aria-labelledby="rights-title">
        <h2 id="rights-title">Your data, your choices</h2>
        <ul>
          <li>
            <strong>Download your data</strong>: a ZIP file with your account, settings, cases, answers, documents, messages and posts, after you confirm your
            password.
          </li>
          <li>
            <strong>Delete your account</strong>: your sign-in and personal data are removed. One exception: a case that is still open with an attorney working on
            it is the firm&apos;s client file, which the law requires the firm to keep; it stays, with your name and email, and the page explains this before
            you confirm.
          </li>
          <li>
            <strong>Email</strong>: turn case alerts, reminders and the newsletter on or off at any time; every alert has a one-click unsubscribe link.
          </li>
        </ul>
        <p>{signedIn ? <Link to="/settings/privacy">Download or delete your data</Link> : <>Sign in, then open &quot;Your data&quot; to download or delete your data.</>}</p>
      </section>

      <section aria-labelledby="cookies">
        <h2 id="cookies">Cookies</h2>
        <p>
          Passage sets only essential cookies. None is for analytics, advertising or tracking, none is shared with anyone, and a visit without signing in sets
          none at all unless you hide the cookie notice.
        </p>
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Cookies Passage sets</caption>
            <thead>
              <tr>
                <th scope="col">Cookie</th>
                <th scope="col">What it is for</th>
                <th scope="col">Set</th>
                <th scope="col">Lasts</th>
                <th scope="col">Holds</th>
              </tr>
            </thead>
            <tbody>
              {cookies.map((c) => (
                <tr key={c.name}>
                  <td>
                    <code>{c.name}</code>
                  </td>
                  <td>{c.purpose}</td>
                  <td>{c.setWhen}</td>
                  <td>{c.lifetime}</td>
                  <td>{c.holds}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>All of them are HttpOnly (scripts cannot read them) and SameSite=Lax; on the live site they are sent only over HTTPS.</p>
        <p>
          Besides cookies, the pages keep your scroll positions and the version of the app in the tab&apos;s session storage ({sessionStorageKeys.join(", ")}),
          so the Back button returns to where you were. That stays in your browser, is never sent to Passage, and is gone when you close the tab.
        </p>
      </section>

      <section aria-labelledby="stored-title">
        <h2 id="stored-title">What Passage stores</h2>
        {groups.map((g) => (
          <section key={g.group} aria-labelledby={`group-${g.group}`}>
            <h3 id={`group-${g.group}`}>{g.title}</h3>
            {g.entries.map((e) => (
              <div key={e.model} id={`data-${e.model}`} className="stack">
                <h4>{e.title}</h4>
                <dl className="meta-list">
                  <dt>Why</dt>
                  <dd>{e.purpose}</dd>
                  <dt>Fields</dt>
                  <dd>
                    {e.fields.join(", ")} <span className="muted">(table {e.model})</span>
                  </dd>
                  <dt>Kept</dt>
                  <dd>{e.retention}</dd>
                  <dt>Who sees it</dt>
                  <dd>{e.visibleTo}</dd>
                  <dt>When you delete your account</dt>
                  <dd>{e.onDeletion}</dd>
                </dl>
              </div>
            ))}
          </section>
        ))}
        <h3>Outside the tables</h3>
        <dl className="meta-list">
          {otherStores.map((s) => (
            <div key={s.title}>
              <dt>{s.title}</dt>
              <dd>{s.description}</dd>
            </div>
          ))}
        </dl>
      </section>
    </article>
  );
}
