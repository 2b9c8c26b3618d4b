import { Button, Link, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, styles, whenPhrase } from "./layout";

type Lang = "en" | "es";

export type TaskReminderEmailProps = {
  lang: Lang;
  audience: "assignee" | "client";
  /** The kind's label in `lang` ("RFE response due"): never the task's own title or notes, which may hold anything. */
  kindLabel: string;
  caseReference: string;
  /** The due date (and time with its zone) as text in `lang`. */
  dueLabel: string;
  /** Days from the reminder's day to the due day: 0 on the day itself. */
  daysLeft: number;
  link: string;
  settingsLink: string;
  /** One-click unsubscribe from deadline reminders (the outbox fills it in per recipient). */
  unsubscribeUrl: string;
};

const TEXT = {
  en: {
    case: "Case",
    date: "Date",
    assignee: "You are responsible for this on the case. The details are in Passage.",
    client: "Your legal team added this date to your case. If you cannot make it, tell them as soon as possible.",
    button: "Open the case's deadlines",
    why: {
      assignee: "You get this reminder because this item is assigned to you in Passage.",
      client: "You get this reminder because your legal team shared this date with you in Passage.",
    },
    stop: "Change your deadline reminders",
    unsubscribe: "Unsubscribe from deadline reminders",
  },
  es: {
    case: "Caso",
    date: "Fecha",
    assignee: "Usted es responsable de esto en el caso. Los detalles están en Passage.",
    client: "Su equipo legal agregó esta fecha a su caso. Si no puede asistir o cumplirla, avíseles lo antes posible.",
    button: "Ver las fechas del caso",
    why: {
      assignee: "Recibe este recordatorio porque este asunto está asignado a usted en Passage.",
      client: "Recibe este recordatorio porque su equipo legal compartió esta fecha con usted en Passage.",
    },
    stop: "Cambiar sus recordatorios de fechas",
    unsubscribe: "Cancelar los recordatorios de fechas",
  },
} as const;

export function taskReminderSubject(props: Pick<TaskReminderEmailProps, "lang" | "kindLabel" | "caseReference" | "dueLabel">) {
  return `${props.caseReference}: ${props.kindLabel}, ${props.dueLabel}`;
}

export default function TaskReminderEmail(props: TaskReminderEmailProps) {
  const t = TEXT[props.lang];
  const heading = `${props.kindLabel}: ${whenPhrase(props.daysLeft, props.lang)}`;
  return (
    <EmailLayout
      lang={props.lang}
      preview={heading}
      heading={heading}
      footer={
        <Text style={styles.footer}>
          {t.why[props.audience]} <Link href={props.settingsLink}>{t.stop}</Link> · <Link href={props.unsubscribeUrl}>{t.unsubscribe}</Link>
        </Text>
      }
    >
      <Text>
        {t.case}: <strong>{props.caseReference}</strong>
        <br />
        {t.date}: <strong>{props.dueLabel}</strong>
      </Text>
      <Text>{t[props.audience]}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t.button}
      </Button>
    </EmailLayout>
  );
}
