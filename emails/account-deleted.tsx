import { Text } from "@react-email/components";
import { EmailLayout, styles } from "./layout";

export type AccountDeletedProps = { name: string; heldCases: { reference: string; title: string }[]; deletedCases: number };

export default function AccountDeleted({ name, heldCases, deletedCases }: AccountDeletedProps) {
  return (
    <EmailLayout
      preview="Your Passage account was deleted"
      heading="Your account was deleted"
      footer={<Text style={styles.footer}>Passage case portal. This is the last email Passage sends to this address for your account.</Text>}
    >
      <Text>Hello {name},</Text>
      <Text>
        As you asked, your Passage account was deleted. You can no longer sign in. Your password, two-factor settings, sessions, notification
        settings, newsletter consent and status alert subscriptions were removed, and your message board posts now show as by &quot;Deleted member&quot;
        without their text.
      </Text>
      {deletedCases > 0 ? <Text>{deletedCases === 1 ? "Your closed case was deleted with everything on it." : `${deletedCases} cases were deleted with everything on them.`}</Text> : null}
      {heldCases.length > 0 ? (
        <>
          <Text>
            The law firm must keep the file of a case it is still working on, so {heldCases.length === 1 ? "this case is" : "these cases are"} kept, with your name
            and email address as its client:
          </Text>
          {heldCases.map((c) => (
            <Text key={c.reference}>
              {c.reference}: {c.title}
            </Text>
          ))}
          <Text>Contact your attorney about the case, or to ask when its records will be deleted.</Text>
        </>
      ) : null}
      <Text>If you did not ask for this, contact the firm straight away.</Text>
    </EmailLayout>
  );
}
