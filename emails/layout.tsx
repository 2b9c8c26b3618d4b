import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export const styles = {
  body: { backgroundColor: "#f4f5f7", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" },
  container: { backgroundColor: "#ffffff", margin: "32px auto", padding: "32px", maxWidth: "560px", borderRadius: "8px" },
  heading: { color: "#12263a", fontSize: "22px", margin: "0 0 16px" },
  footer: { color: "#6b7280", fontSize: "12px", lineHeight: "18px" },
};

/** "today", "tomorrow" or "in 5 days" (Spanish: "hoy", "mañana", "en 5 días"), for reminder emails. */
export function whenPhrase(daysLeft: number, lang: "en" | "es") {
  if (lang === "es") return daysLeft <= 0 ? "hoy" : daysLeft === 1 ? "mañana" : `en ${daysLeft} días`;
  return daysLeft <= 0 ? "today" : daysLeft === 1 ? "tomorrow" : `in ${daysLeft} days`;
}

export const buttonStyle = {
  backgroundColor: "#1d4ed8",
  borderRadius: "6px",
  color: "#ffffff",
  display: "inline-block",
  fontWeight: 600,
  padding: "12px 20px",
  textDecoration: "none",
};

export function EmailLayout({
  preview,
  heading,
  children,
  lang = "en",
  footer,
}: {
  preview: string;
  heading: string;
  children: ReactNode;
  lang?: "en" | "es";
  /** Replaces the default footer (alerts say why the person gets them and how to stop). */
  footer?: ReactNode;
}) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          <Section>{children}</Section>
          <Hr />
          {footer ?? (
            <Text style={styles.footer}>
              Passage case portal. If you did not expect this message you can ignore it; nobody can act on your account
              without this link.
            </Text>
          )}
        </Container>
      </Body>
    </Html>
  );
}
