import { Button, Link, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, styles, whenPhrase } from "./layout";

type Lang = "en" | "es";
type DocumentKind = "PASSPORT" | "VISA" | "I94" | "EAD" | "GREEN_CARD" | "OTHER";
type Person = "client" | "beneficiary" | "petitioner";

export type ExpiryReminderEmailProps = {
  lang: Lang;
  audience: "client" | "staff";
  kind: DocumentKind;
  /** Whose document; null when staff recorded the date without saying. */
  person: Person | null;
  /** yyyy-mm-dd */
  expiresOn: string;
  daysLeft: number;
  /** Staff emails only: the firm's own case reference. Client emails carry no identifier at all. */
  caseReference: string | null;
  link: string;
  unsubscribeUrl: string;
};

/** Nouns with their Spanish gender: the only document details an email ever names (never numbers). */
const NOUNS: Record<DocumentKind, { en: string; es: string; feminine: boolean }> = {
  PASSPORT: { en: "passport", es: "pasaporte", feminine: false },
  VISA: { en: "visa", es: "visa", feminine: true },
  I94: { en: "authorized stay (I-94)", es: "estancia autorizada (I-94)", feminine: true },
  EAD: { en: "work permit (EAD)", es: "permiso de trabajo (EAD)", feminine: false },
  GREEN_CARD: { en: "green card", es: "tarjeta de residente (green card)", feminine: true },
  OTHER: { en: "document", es: "documento", feminine: false },
};

function documentPhrase(props: Pick<ExpiryReminderEmailProps, "lang" | "audience" | "kind" | "person">) {
  const noun = NOUNS[props.kind];
  if (props.lang === "en") {
    const owner =
      props.audience === "client"
        ? { client: "your", beneficiary: "your relative's", petitioner: "the petitioner's" }
        : { client: "the client's", beneficiary: "the beneficiary's", petitioner: "the petitioner's" };
    if (props.person) return `${owner[props.person]} ${noun.en}`;
    return props.audience === "client" ? `the ${noun.en} your legal team recorded on your case` : `the ${noun.en} recorded by staff`;
  }
  const article = noun.feminine ? "la" : "el";
  if (props.person === "client") return props.audience === "client" ? `su ${noun.es}` : `${article} ${noun.es} del cliente`;
  if (props.person === "beneficiary") return props.audience === "client" ? `${article} ${noun.es} de su familiar` : `${article} ${noun.es} del beneficiario`;
  if (props.person === "petitioner") return `${article} ${noun.es} del peticionario`;
  return props.audience === "client"
    ? `${article} ${noun.es} que su equipo legal registró en su caso`
    : `${article} ${noun.es} ${noun.feminine ? "registrada" : "registrado"} por el personal`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function longDate(day: string, lang: Lang) {
  return new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

function inDays(daysLeft: number, lang: Lang) {
  return `${lang === "es" ? "vence" : "expires"} ${whenPhrase(daysLeft, lang)}`;
}

/** What a person can usually do, in general terms: the email points to the legal team, it gives no legal advice. */
const ADVICE: Record<Lang, Record<DocumentKind, string>> = {
  en: {
    PASSPORT:
      "Many countries take several months to issue a new passport, so it is worth starting the renewal early. USCIS applications and travel need a valid passport.",
    VISA: "A visa is for entering the United States. If you plan to travel, talk to your legal team before the visa expires.",
    I94: "Before the authorized stay ends, a person usually has to leave the United States or have a request to extend or change status filed in time. Talk to your legal team now about what applies to you.",
    EAD: "A renewal of a work permit can usually be filed up to 180 days before it expires. Ask your legal team whether and when to file.",
    GREEN_CARD:
      "A 10-year green card is usually renewed with Form I-90 within six months before it expires; a 2-year conditional card needs a different filing. Ask your legal team which applies to you.",
    OTHER: "Ask your legal team what to do before this date.",
  },
  es: {
    PASSPORT:
      "Muchos países tardan varios meses en expedir un pasaporte nuevo, por eso conviene empezar la renovación con tiempo. Las solicitudes a USCIS y los viajes requieren un pasaporte vigente.",
    VISA: "La visa sirve para entrar a Estados Unidos. Si piensa viajar, hable con su equipo legal antes de que venza.",
    I94: "Antes de que termine la estancia autorizada, normalmente hay que salir de Estados Unidos o presentar a tiempo una solicitud para extender o cambiar el estatus. Hable ahora con su equipo legal sobre lo que aplica en su caso.",
    EAD: "La renovación de un permiso de trabajo normalmente se puede presentar hasta 180 días antes de su vencimiento. Pregunte a su equipo legal si debe presentarla y cuándo.",
    GREEN_CARD:
      "Una tarjeta de residente de 10 años normalmente se renueva con el Formulario I-90 dentro de los seis meses antes de su vencimiento; una tarjeta condicional de 2 años requiere otro trámite. Pregunte a su equipo legal cuál aplica en su caso.",
    OTHER: "Pregunte a su equipo legal qué hacer antes de esta fecha.",
  },
};

const TEXT = {
  en: {
    onFile: "Passage has this expiration date on file:",
    on: (date: string) => `on ${date}`,
    notAdvice: "This is general information, not legal advice.",
    staffCheck: "Check with the client whether a renewal, an extension or a new filing is needed.",
    clientButton: "See the dates on your case",
    staffButton: "Open the case's expiration dates",
    why: {
      client: "You get this reminder because renewal reminders are on for your Passage account.",
      staff: "You get this reminder because you are assigned to this case and renewal reminders are on for your account.",
    },
    stop: "Unsubscribe from renewal reminders",
  },
  es: {
    onFile: "Passage tiene registrada esta fecha de vencimiento:",
    on: (date: string) => `el ${date}`,
    notAdvice: "Esta es información general, no asesoría legal.",
    staffCheck: "Confirme con el cliente si hace falta una renovación, una extensión o un nuevo trámite.",
    clientButton: "Ver las fechas de su caso",
    staffButton: "Abrir las fechas de vencimiento del caso",
    why: {
      client: "Recibe este recordatorio porque los recordatorios de renovación están activados en su cuenta de Passage.",
      staff: "Recibe este recordatorio porque está asignado a este caso y los recordatorios de renovación están activados en su cuenta.",
    },
    stop: "Dejar de recibir recordatorios de renovación",
  },
} as const;

export function expiryReminderSubject(props: Omit<ExpiryReminderEmailProps, "link" | "unsubscribeUrl">) {
  const what = documentPhrase(props);
  const date = longDate(props.expiresOn, props.lang);
  if (props.audience === "staff" && props.caseReference) {
    return props.lang === "es"
      ? `${props.caseReference}: ${what} vence ${TEXT.es.on(date)}`
      : `${props.caseReference}: ${what} expires ${TEXT.en.on(date)}`;
  }
  return props.lang === "es" ? `Recordatorio: ${what} vence ${TEXT.es.on(date)}` : `Reminder: ${what} expires ${TEXT.en.on(date)}`;
}

export default function ExpiryReminderEmail(props: ExpiryReminderEmailProps) {
  const t = TEXT[props.lang];
  const what = documentPhrase(props);
  const heading = capitalize(`${what} ${inDays(props.daysLeft, props.lang)}`);
  return (
    <EmailLayout
      lang={props.lang}
      preview={heading}
      heading={heading}
      footer={
        <Text style={styles.footer}>
          {t.why[props.audience]} {t.notAdvice} <Link href={props.unsubscribeUrl}>{t.stop}</Link>
        </Text>
      }
    >
      {props.audience === "staff" && props.caseReference ? <Text>{props.caseReference}</Text> : null}
      <Text>
        {t.onFile} <strong>{capitalize(what)}</strong>, {t.on(longDate(props.expiresOn, props.lang))}.
      </Text>
      <Text>{props.audience === "client" ? ADVICE[props.lang][props.kind] : t.staffCheck}</Text>
      <Button href={props.link} style={buttonStyle}>
        {props.audience === "client" ? t.clientButton : t.staffButton}
      </Button>
    </EmailLayout>
  );
}
