import { Link, Text } from "@react-email/components";
import { Fragment } from "react";
import { EmailLayout, styles } from "./layout";

export type NewsletterEmailProps = {
  subject: string;
  /** Plain text written by the firm: paragraphs separated by a blank line. */
  body: string;
  unsubscribeUrl: string;
};

function paragraphs(body: string) {
  return body
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => paragraph.split("\n"));
}

export default function NewsletterEmail({ subject, body, unsubscribeUrl }: NewsletterEmailProps) {
  const blocks = paragraphs(body);
  return (
    <EmailLayout
      preview={blocks[0]?.join(" ").slice(0, 140) ?? subject}
      heading={subject}
      footer={
        <Text style={styles.footer}>
          You get this newsletter because you opted in to the Passage newsletter in your notification settings. It is
          separate from the emails about your cases.{" "}
          <Link href={unsubscribeUrl}>Unsubscribe from the newsletter</Link>
        </Text>
      }
    >
      {blocks.map((lines, index) => (
        <Text key={index}>
          {lines.map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </Text>
      ))}
    </EmailLayout>
  );
}
