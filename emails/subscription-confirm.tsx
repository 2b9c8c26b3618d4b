import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export type SubscriptionConfirmProps = { lang: "en" | "es"; maskedReceipt: string; confirmUrl: string; alreadyConfirmed: boolean; manageUrl: string };

export function subscriptionConfirmSubject({ lang, alreadyConfirmed }: Pick<SubscriptionConfirmProps, "lang" | "alreadyConfirmed">) {
  if (alreadyConfirmed) return lang === "es" ? "Ya recibe alertas para este recibo" : "You already get alerts for this receipt";
  return lang === "es" ? "Confirme sus alertas de estado de USCIS" : "Confirm your USCIS status alerts";
}

export default function SubscriptionConfirm({ lang, maskedReceipt, confirmUrl, alreadyConfirmed, manageUrl }: SubscriptionConfirmProps) {
  const es = lang === "es";
  if (alreadyConfirmed) {
    return (
      <EmailLayout lang={lang} preview={subscriptionConfirmSubject({ lang, alreadyConfirmed })} heading={subscriptionConfirmSubject({ lang, alreadyConfirmed })}>
        <Text>
          {es
            ? `Alguien pidió alertas para el recibo ${maskedReceipt} con esta dirección. Ya están activas; no hay que hacer nada.`
            : `Someone asked for alerts on receipt ${maskedReceipt} with this address. They are already on; there is nothing to do.`}
        </Text>
        <Button href={manageUrl} style={buttonStyle}>
          {es ? "Administrar mis alertas" : "Manage my alerts"}
        </Button>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout lang={lang} preview={subscriptionConfirmSubject({ lang, alreadyConfirmed })} heading={subscriptionConfirmSubject({ lang, alreadyConfirmed })}>
      <Text>
        {es
          ? `Confirme que quiere recibir un correo cuando cambie el estado del recibo ${maskedReceipt} en USCIS. El enlace vale por 7 días.`
          : `Confirm that you want an email when the USCIS status of receipt ${maskedReceipt} changes. The link works for 7 days.`}
      </Text>
      <Button href={confirmUrl} style={buttonStyle}>
        {es ? "Confirmar alertas" : "Confirm alerts"}
      </Button>
      <Text>
        {es
          ? "Si usted no lo pidió, ignore este correo: sin confirmación no le enviaremos nada más."
          : "If you did not ask for this, ignore this email: without confirmation we will send nothing more."}
      </Text>
    </EmailLayout>
  );
}
