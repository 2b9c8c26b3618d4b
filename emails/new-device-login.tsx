import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, styles } from "./layout";

export default function NewDeviceLogin({
  name,
  when,
  device,
  network,
  sessionsUrl,
}: {
  name: string;
  when: string;
  device: string;
  network: string;
  sessionsUrl: string;
}) {
  return (
    <EmailLayout
      preview="New sign-in to your Passage account"
      heading="New sign-in to your Passage account"
      footer={<Text style={styles.footer}>Passage sends this for every sign-in from a browser it has not seen on your account before. It cannot be turned off.</Text>}
    >
      <Text>Hello {name},</Text>
      <Text>Your Passage account was just signed in to from a browser that has not been used with it before.</Text>
      <Text>
        When: {when}
        <br />
        Device: {device}
        <br />
        Network: {network} (approximate)
      </Text>
      <Text>If this was you, there is nothing to do.</Text>
      <Text>
        If it was not you, sign that session out and change your password now. Your sessions page lists every device
        signed in to your account:
      </Text>
      <Button href={sessionsUrl} style={buttonStyle}>
        Review your sessions
      </Button>
      <Text>Or paste this link into your browser: {sessionsUrl}</Text>
    </EmailLayout>
  );
}
