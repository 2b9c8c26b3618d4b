import { Button, Link, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, styles } from "./layout";

export type StatusChangeEmailProps = {
  lang: "en" | "es";
  audience: "client" | "staff" | "public";
  /** The status title as USCIS wrote it, in the email's language when USCIS gave one. */
  title: string;
  categoryLabel: string;
  explanation: string;
  nextStep: string | null;
  /** Only the prefix and two digits: enough to tell receipts apart, not enough to look the case up. */
  maskedReceipt: string;
  formType: string | null;
  caseReference: string | null;
  link: string;
  unsubscribeUrl: string;
};

const TEXT = {
  en: {
    preview: (title: string) => `USCIS status update: ${title}`,
    heading: "Your case status changed",
    staffHeading: "A case status changed",
    receipt: (masked: string, form: string | null) => `Receipt ${masked}${form ? ` (Form ${form})` : ""}`,
    newStatus: "New status from USCIS:",
    meaning: "What this means:",
    next: "What usually happens next:",
    clientButton: "See your case",
    staffButton: "Open the case",
    publicButton: "Check another status",
    caseRef: (ref: string) => `Case ${ref}`,
    notAdvice: "This is general information, not legal advice.",
    why: {
      client: "You get this email because status alerts are on for your Passage account.",
      staff: "You get this email because you are assigned to this case.",
      public: "You get this email because you subscribed to status alerts for this receipt number and confirmed it.",
    },
    stop: "Unsubscribe",
  },
  es: {
    preview: (title: string) => `Actualización de USCIS: ${title}`,
    heading: "El estado de su caso cambió",
    staffHeading: "El estado de un caso cambió",
    receipt: (masked: string, form: string | null) => `Recibo ${masked}${form ? ` (Formulario ${form})` : ""}`,
    newStatus: "Nuevo estado según USCIS:",
    meaning: "Qué significa:",
    next: "Qué suele pasar después:",
    clientButton: "Ver su caso",
    staffButton: "Abrir el caso",
    publicButton: "Consultar otro estado",
    caseRef: (ref: string) => `Caso ${ref}`,
    notAdvice: "Esta es información general, no asesoría legal.",
    why: {
      client: "Recibe este correo porque las alertas de estado están activadas en su cuenta de Passage.",
      staff: "Recibe este correo porque está asignado a este caso.",
      public: "Recibe este correo porque se suscribió a las alertas de estado de este número de recibo y lo confirmó.",
    },
    stop: "Cancelar la suscripción",
  },
} as const;

export function statusChangeSubject(props: Pick<StatusChangeEmailProps, "lang" | "title" | "maskedReceipt">) {
  return props.lang === "es"
    ? `Nuevo estado de USCIS (${props.maskedReceipt}): ${props.title}`
    : `USCIS status update (${props.maskedReceipt}): ${props.title}`;
}

export default function StatusChangeEmail(props: StatusChangeEmailProps) {
  const t = TEXT[props.lang];
  return (
    <EmailLayout
      lang={props.lang}
      preview={t.preview(props.title)}
      heading={props.audience === "staff" ? t.staffHeading : t.heading}
      footer={
        <Text style={styles.footer}>
          {t.why[props.audience]} {t.notAdvice}{" "}
          <Link href={props.unsubscribeUrl}>{t.stop}</Link>
        </Text>
      }
    >
      <Text>
        {props.caseReference ? `${t.caseRef(props.caseReference)} · ` : ""}
        {t.receipt(props.maskedReceipt, props.formType)}
      </Text>
      <Text>
        {t.newStatus} <strong>{props.title}</strong> ({props.categoryLabel})
      </Text>
      <Text>
        <strong>{t.meaning}</strong> {props.explanation}
      </Text>
      {props.nextStep ? (
        <Text>
          <strong>{t.next}</strong> {props.nextStep}
        </Text>
      ) : null}
      <Button href={props.link} style={buttonStyle}>
        {props.audience === "client" ? t.clientButton : props.audience === "staff" ? t.staffButton : t.publicButton}
      </Button>
    </EmailLayout>
  );
}
