import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

/** Says only whether a file was accepted and, if not, the reviewer's reason: no file names or case details. */
export default function DocumentReview({
  name,
  decision,
  reason,
  url,
}: {
  name: string;
  decision: "ACCEPTED" | "REJECTED";
  reason: string | null;
  url: string;
}) {
  const accepted = decision === "ACCEPTED";
  const heading = accepted ? "Your document was accepted" : "A document needs your attention";
  return (
    <EmailLayout preview={heading} heading={heading}>
      <Text>Hello {name},</Text>
      <Text>
        {accepted
          ? "Your legal team reviewed a document you uploaded and accepted it. There is nothing more to do for it."
          : "Your legal team reviewed a document you uploaded and needs a new file."}
      </Text>
      {accepted || !reason ? null : <Text>Reason: {reason}</Text>}
      <Button href={url} style={buttonStyle}>
        {accepted ? "See your document checklist" : "Upload a new file"}
      </Button>
      <Text>For your privacy this email contains no documents. Log in to Passage to see them.</Text>
    </EmailLayout>
  );
}
