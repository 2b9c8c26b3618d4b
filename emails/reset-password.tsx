import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export default function ResetPassword({ name, resetUrl }: { name: string; resetUrl: string }) {
  return (
    <EmailLayout preview="Reset your Passage password" heading="Reset your password">
      <Text>Hello {name},</Text>
      <Text>Someone asked to reset the password for your Passage account. The link works once, for one hour.</Text>
      <Button href={resetUrl} style={buttonStyle}>
        Choose a new password
      </Button>
      <Text>Or paste this link into your browser: {resetUrl}</Text>
      <Text>If this was not you, your password has not changed and you can ignore this email.</Text>
    </EmailLayout>
  );
}
