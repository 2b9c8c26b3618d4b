/** How messages show: escaped plain text with line breaks kept and http(s) addresses as links. Browser-safe. */
import type { ReactNode } from "react";

// Only http and https: a javascript: or data: address stays text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence is not part of the address ("see https://uscis.gov.").
const TRAILING = /[.,;:!?'")\]]+$/;

export function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let url = match[0];
    const trailing = TRAILING.exec(url);
    // Keep a closing parenthesis that closes one opened inside the address (Wikipedia-style links).
    if (trailing && !(trailing[0] === ")" && url.includes("("))) url = url.slice(0, -trailing[0].length);
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={`${start}-${url}`} href={url} rel="noopener noreferrer nofollow" target="_blank">
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The body of a message; the `.note p` style keeps its line breaks (white-space: pre-wrap). */
export function MessageText({ body }: { body: string }) {
  return <p className="message-body">{linkify(body)}</p>;
}

/** "Maria Gonzalez" → "Maria G.": enough to say who read a message without spelling out the full name. */
export function shortName(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return words[0] ?? "Someone";
  return `${words[0]} ${words.at(-1)!.charAt(0).toUpperCase()}.`;
}

const TIME = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const DAY = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/** "14:05 UTC, Nov 25, 2026": the server renders the page, and it does not know the reader's time zone. */
export function formatDateTime(value: string | Date) {
  const date = new Date(value);
  return `${TIME.format(date)} UTC, ${DAY.format(date)}`;
}
