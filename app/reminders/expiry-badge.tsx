import type { ExpiryState } from "~/reminders/expiry-kinds";

const TEXT = {
  en: {
    state: { expired: "Expired", "due-soon": "Due soon", later: "" },
    days: (n: number) => (n < 0 ? `${-n} ${n === -1 ? "day" : "days"} ago` : n === 0 ? "today" : `${n} ${n === 1 ? "day" : "days"}`),
  },
  es: {
    state: { expired: "Vencido", "due-soon": "Vence pronto", later: "" },
    days: (n: number) => (n < 0 ? `hace ${-n} ${n === -1 ? "día" : "días"}` : n === 0 ? "hoy" : `${n} ${n === 1 ? "día" : "días"}`),
  },
} as const;

/** Days left (or since), with a badge for expired and soon-due dates. */
export function DaysLeft({ daysLeft, state, lang = "en" }: { daysLeft: number; state: ExpiryState; lang?: "en" | "es" }) {
  const t = TEXT[lang];
  return (
    <>
      {state === "later" ? t.days(daysLeft) : <strong>{t.days(daysLeft)}</strong>}
      {state !== "later" ? (
        <>
          {" "}
          <span className={`badge badge-${state}`}>{t.state[state]}</span>
        </>
      ) : null}
    </>
  );
}
