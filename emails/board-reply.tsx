import { Button, Link, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, styles } from "./layout";

export type BoardReplyProps = { threadTitle: string; authorName: string; link: string; unsubscribeUrl: string };

export const boardReplySubject = ({ threadTitle }: Pick<BoardReplyProps, "threadTitle">) => `New reply: ${threadTitle}`;

export default function BoardReply({ threadTitle, authorName, link, unsubscribeUrl }: BoardReplyProps) {
  return (
    <EmailLayout
      preview={`${authorName} replied in “${threadTitle}”`}
      heading="New reply in a thread you follow"
      footer={
        <Text style={styles.footer}>
          You get this email because you chose to follow this thread on the Passage message boards.{" "}
          <Link href={unsubscribeUrl}>Stop emails for this thread</Link>
        </Text>
      }
    >
      <Text>
        {authorName} replied in “{threadTitle}”.
      </Text>
      <Button href={link} style={buttonStyle}>
        Read the reply
      </Button>
    </EmailLayout>
  );
}
