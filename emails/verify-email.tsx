import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export default function VerifyEmail({ name, verifyUrl }: { name: string; verifyUrl: string }) {
  return (
    <EmailLayout preview="Confirm your email address for Passage" heading="Confirm your email address">
      <Text>Hello {name},</Text>
      <Text>Confirm this address to finish setting up your Passage account. The link works once, for 24 hours.</Text>
      <Button href={verifyUrl} style={buttonStyle}>
        Confirm email address
      </Button>
      <Text>Or paste this link into your browser: {verifyUrl}</Text>
    </EmailLayout>
  );
}
