import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export default function StaffInvite({
  name,
  roleLabel,
  invitedBy,
  acceptUrl,
}: {
  name: string;
  roleLabel: string;
  invitedBy: string;
  acceptUrl: string;
}) {
  return (
    <EmailLayout preview={`${invitedBy} invited you to Passage`} heading="You are invited to Passage">
      <Text>Hello {name},</Text>
      <Text>
        {invitedBy} invited you to join the firm&apos;s Passage portal as {roleLabel}. Choose a password to activate your
        account. The invitation is valid for 7 days.
      </Text>
      <Button href={acceptUrl} style={buttonStyle}>
        Accept invitation
      </Button>
      <Text>Or paste this link into your browser: {acceptUrl}</Text>
    </EmailLayout>
  );
}
