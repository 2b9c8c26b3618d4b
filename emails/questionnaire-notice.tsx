import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export default function QuestionnaireNotice({
  name,
  questionnaireTitle,
  kind,
  url,
}: {
  name: string;
  questionnaireTitle: string;
  kind: "assigned" | "changes";
  url: string;
}) {
  const assigned = kind === "assigned";
  return (
    <EmailLayout
      preview={assigned ? "A questionnaire is waiting for you" : "Please update some answers"}
      heading={assigned ? "A questionnaire is waiting for you" : "Please update some answers"}
    >
      <Text>Hello {name},</Text>
      <Text>
        {assigned
          ? `Your legal team sent you the ${questionnaireTitle} questionnaire. Your answers save as you type, so you can stop and come back at any time.`
          : `Your legal team reviewed your ${questionnaireTitle} questionnaire and reopened some answers with a comment. Only those answers need your attention.`}
      </Text>
      <Text>Hola {name}: su equipo legal le envió un cuestionario. Puede responderlo en español.</Text>
      <Button href={url} style={buttonStyle}>
        {assigned ? "Open the questionnaire" : "Review the comments"}
      </Button>
      <Text>For your privacy this email contains no answers. Log in to Passage to see them.</Text>
    </EmailLayout>
  );
}
