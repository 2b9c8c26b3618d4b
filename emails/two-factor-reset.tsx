import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, styles } from "./layout";

export default function TwoFactorReset({ name, when, loginUrl }: { name: string; when: string; loginUrl: string }) {
  return (
    <EmailLayout
      preview="Two-factor authentication was reset on your Passage account"
      heading="Your two-factor authentication was reset"
      footer={<Text style={styles.footer}>Passage sends this whenever an administrator resets an account's second factor. It cannot be turned off.</Text>}
    >
      <Text>Hello {name},</Text>
      <Text>
        An administrator of your firm reset two-factor authentication on your Passage account on {when}, and signed
        your account out everywhere. Your old authenticator entry and recovery codes no longer work.
      </Text>
      <Text>The next time you log in with your password, Passage will ask you to set up an authenticator app again.</Text>
      <Button href={loginUrl} style={buttonStyle}>
        Log in
      </Button>
      <Text>If you did not ask for this, tell your firm's administrator straight away.</Text>
    </EmailLayout>
  );
}
