import { Button, Link, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, styles } from "./layout";

/**
 * Deliberately empty of content: no subject, no text, no names, not even the case. Email is not a secure channel, so
 * it only says that something is waiting behind the login.
 */
export type NewMessageEmailProps = {
  lang: "en" | "es";
  audience: "client" | "staff";
  link: string;
  settingsUrl: string;
  /** One-click unsubscribe from these emails (the outbox fills it in per recipient). */
  unsubscribeUrl: string;
};

const TEXT = {
  en: {
    subject: "You have a new message on Passage",
    client: "You have a new message from your legal team on your Passage case portal.",
    staff: "There is a new message from a client on a case assigned to you.",
    signIn: "Sign in to read it. For your privacy we never put messages in email.",
    button: "Read the message",
    coalesce: "If more messages arrive before you read this one, we will not email you again about this conversation.",
    why: "You get this email because message notifications are on for your Passage account.",
    stop: "Change notification settings",
    unsubscribe: "Unsubscribe from new-message emails",
  },
  es: {
    subject: "Tiene un mensaje nuevo en Passage",
    client: "Tiene un mensaje nuevo de su equipo legal en su portal de casos de Passage.",
    staff: "Hay un mensaje nuevo de un cliente en un caso asignado a usted.",
    signIn: "Inicie sesión para leerlo. Por su privacidad, nunca enviamos mensajes por correo.",
    button: "Leer el mensaje",
    coalesce: "Si llegan más mensajes antes de que lea este, no le volveremos a escribir sobre esta conversación.",
    why: "Recibe este correo porque los avisos de mensajes están activados en su cuenta de Passage.",
    stop: "Cambiar las preferencias de avisos",
    unsubscribe: "Cancelar los avisos de mensajes nuevos",
  },
} as const;

export const newMessageSubject = ({ lang }: Pick<NewMessageEmailProps, "lang">) => TEXT[lang].subject;

export default function NewMessage({ lang, audience, link, settingsUrl, unsubscribeUrl }: NewMessageEmailProps) {
  const t = TEXT[lang];
  return (
    <EmailLayout
      lang={lang}
      preview={t.subject}
      heading={t.subject}
      footer={
        <Text style={styles.footer}>
          {t.why} <Link href={settingsUrl}>{t.stop}</Link> · <Link href={unsubscribeUrl}>{t.unsubscribe}</Link>
        </Text>
      }
    >
      <Text>{audience === "client" ? t.client : t.staff}</Text>
      <Text>{t.signIn}</Text>
      <Button href={link} style={buttonStyle}>
        {t.button}
      </Button>
      <Text style={styles.footer}>{t.coalesce}</Text>
    </EmailLayout>
  );
}
