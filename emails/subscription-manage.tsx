import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export default function SubscriptionManage({ lang, manageUrl }: { lang: "en" | "es"; manageUrl: string }) {
  const es = lang === "es";
  const heading = es ? "Administre sus alertas de estado" : "Manage your status alerts";
  return (
    <EmailLayout lang={lang} preview={heading} heading={heading}>
      <Text>
        {es
          ? "Use este enlace para ver, pausar o cancelar las alertas de estado de USCIS de esta dirección. El enlace vale por 7 días."
          : "Use this link to see, stop or restart the USCIS status alerts for this address. The link works for 7 days."}
      </Text>
      <Button href={manageUrl} style={buttonStyle}>
        {es ? "Administrar mis alertas" : "Manage my alerts"}
      </Button>
    </EmailLayout>
  );
}
