import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import styles from "~/tasks/deadlines.css";
import { DueBadge } from "~/tasks/due-badge";
import { TASK_KIND_LABELS, TASK_KINDS } from "~/tasks/kinds";
import { DEADLINE_WEEKS, ZDeadlineFilters } from "~/tasks/schemas";
import { monthDeadlines, upcomingDeadlines, type TaskView } from "~/tasks/tasks.server";
import { auditActor } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Deadlines · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const filters = ZDeadlineFilters.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Admins are rarely responsible for items themselves, so they start with everything.
  const scope = user.role === "APPLICANT" ? "all" : (filters.scope ?? (user.role === "ADMIN" ? "all" : "mine"));
  const actor = auditActor(user, request);
  const common = { role: user.role, scope, kind: filters.kind ?? null, weeks: filters.weeks };
  if (filters.view === "month") {
    return json({ ...common, view: "month" as const, list: null, month: await monthDeadlines(user, { scope, kind: filters.kind, month: filters.month }, actor) });
  }
  return json({ ...common, view: "list" as const, list: await upcomingDeadlines(user, { scope, kind: filters.kind, weeks: filters.weeks }, actor), month: null });
}

const TEXT = {
  en: {
    title: "Deadlines",
    list: "List",
    month: "Month",
    none: "Nothing due in this period.",
    due: "Due",
    case: "Case",
    what: "What",
    status: "Status",
    previous: "← Previous month",
    next: "Next month →",
    subscribe: "Add your deadlines to a calendar app",
    days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    truncated: "Only the first 1,000 items are shown: narrow the filters.",
  },
  es: {
    title: "Fechas importantes",
    list: "Lista",
    month: "Mes",
    none: "No hay nada en este período.",
    due: "Fecha",
    case: "Caso",
    what: "Qué",
    status: "Estado",
    previous: "← Mes anterior",
    next: "Mes siguiente →",
    subscribe: "Agregar sus fechas a una aplicación de calendario",
    days: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    truncated: "Solo se muestran los primeros 1000 elementos.",
  },
} as const;

function query(params: Record<string, string | number | null | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  return `?${search}`;
}

function ListRows({ tasks, staff }: { tasks: TaskView[]; staff: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col">Case</th>
            <th scope="col">What</th>
            <th scope="col">Status</th>
            {staff ? <th scope="col">Responsible</th> : null}
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id} className={`task-${t.state}`} data-task-id={t.id}>
              <td>
                <time dateTime={t.dueDay}>{t.dueLabel}</time>
              </td>
              <td>
                <Link to={`/cases/${t.caseId}/tasks`}>{t.caseReference}</Link>
              </td>
              <td>
                <strong>{t.kindLabel}</strong>
                {t.title !== t.kindLabel ? <div>{t.title}</div> : null}
              </td>
              <td>
                <DueBadge state={t.state} label={t.stateLabel} />
              </td>
              {staff ? <td>{t.staff?.assignee.name}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function DeadlinesPage() {
  const data = useLoaderData<typeof loader>();
  const staff = data.role !== "APPLICANT";
  const lang = data.list?.lang ?? data.month?.lang ?? "en";
  const t = TEXT[lang];
  const base = { scope: staff ? data.scope : null, kind: data.kind };
  return (
    <section className="stack" aria-labelledby="deadlines-title">
      <h1 id="deadlines-title">{t.title}</h1>
      <p className="muted">
        {data.role === "APPLICANT"
          ? lang === "es"
            ? "Las fechas que su equipo legal compartió con usted en sus casos."
            : "The dates your legal team shared with you on your cases."
          : data.scope === "mine"
            ? "What you are responsible for on your cases."
            : data.role === "ADMIN"
              ? "Everything on every case."
              : "Everything on the cases assigned to you."}{" "}
        <Link to="/deadlines/settings">{t.subscribe}</Link>
      </p>
      <nav aria-label="View" className="actions">
        <Link to={query({ ...base, view: "list" })} aria-current={data.view === "list" ? "page" : undefined} className={`button button-small${data.view === "list" ? "" : " button-secondary"}`}>
          {t.list}
        </Link>
        <Link to={query({ ...base, view: "month" })} aria-current={data.view === "month" ? "page" : undefined} className={`button button-small${data.view === "month" ? "" : " button-secondary"}`}>
          {t.month}
        </Link>
      </nav>
      <Form method="get" className="toolbar">
        <input type="hidden" name="view" value={data.view} />
        {data.month ? <input type="hidden" name="month" value={data.month.month} /> : null}
        {staff ? (
          <div className="field">
            <label htmlFor="scope">Show</label>
            <select id="scope" name="scope" defaultValue={data.scope}>
              <option value="mine">Assigned to me</option>
              <option value="all">{data.role === "ADMIN" ? "All cases" : "All on my cases"}</option>
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="kind">{lang === "es" ? "Tipo" : "Kind"}</label>
          <select id="kind" name="kind" defaultValue={data.kind ?? ""}>
            <option value="">{lang === "es" ? "Todos" : "All kinds"}</option>
            {TASK_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {TASK_KIND_LABELS[kind][lang]}
              </option>
            ))}
          </select>
        </div>
        {data.view === "list" ? (
          <div className="field">
            <label htmlFor="weeks">{lang === "es" ? "Semanas" : "Weeks ahead"}</label>
            <select id="weeks" name="weeks" defaultValue={String(data.weeks)}>
              {DEADLINE_WEEKS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="button">
          {lang === "es" ? "Mostrar" : "Show"}
        </button>
      </Form>

      {data.list ? (
        data.list.groups.length === 0 ? (
          <div className="card">
            <p>{t.none}</p>
          </div>
        ) : (
          <>
            {data.list.truncated ? <p className="notice notice-info">{t.truncated}</p> : null}
            {data.list.groups.map((group) => (
              <section key={group.key} className={`week-group week-group-${group.key === "overdue" ? "overdue" : "week"}`} aria-labelledby={`week-${group.key}`}>
                <h2 id={`week-${group.key}`}>
                  {group.label} <span className="muted">({group.tasks.length})</span>
                </h2>
                <ListRows tasks={group.tasks} staff={staff} />
              </section>
            ))}
          </>
        )
      ) : null}

      {data.month ? (
        <section aria-labelledby="month-title">
          <div className="toolbar">
            <Link to={query({ ...base, view: "month", month: data.month.previous })}>{t.previous}</Link>
            <h2 id="month-title">{data.month.monthLabel}</h2>
            <Link to={query({ ...base, view: "month", month: data.month.next })}>{t.next}</Link>
          </div>
          {data.month.truncated ? <p className="notice notice-info">{t.truncated}</p> : null}
          <div className="table-wrap">
            <table className="calendar">
              <caption className="sr-only">{`${data.month.monthLabel}: ${data.month.count}`}</caption>
              <thead>
                <tr>
                  {t.days.map((d) => (
                    <th key={d} scope="col">
                      {d}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.month.weeks.map((week) => (
                  <tr key={week[0]!.day}>
                    {week.map((day) => (
                      <td key={day.day} className={`${day.inMonth ? "" : "outside"}${day.isToday ? " today" : ""}`} data-day={day.day}>
                        <span className="day-number">
                          <time dateTime={day.day}>{day.dayOfMonth}</time>
                        </span>
                        {day.tasks.length ? (
                          <ul>
                            {day.tasks.map((task) => (
                              <li key={task.id} className={`task-${task.state}`} data-task-id={task.id} data-due-state={task.state}>
                                <Link to={`/cases/${task.caseId}/tasks`}>{task.caseReference}</Link> {task.kindLabel}
                                {task.timeLabel ? <span className="muted"> · {task.timeLabel}</span> : null}
                                <span className="sr-only"> ({task.stateLabel})</span>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}
