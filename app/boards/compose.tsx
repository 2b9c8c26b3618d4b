/**
 * The post editor: a plain form that works without JavaScript. When the personal-data guard finds something, the
 * action answers 422 with what it found; this shows it, keeps the text, and asks the author to choose.
 */
import type { ReactNode } from "react";

export type PiiReview = {
  field: "title" | "body";
  findings: { kind: string; text: string; masked: string }[];
  masked: string;
};

const KIND_LABELS: Record<string, string> = {
  receipt: "USCIS receipt number",
  "a-number": "A-number",
  passport: "passport number",
  ssn: "Social Security number",
  email: "email address",
  phone: "phone number",
};

export function PiiReviewPanel({ review }: { review: PiiReview }) {
  return (
    <div className="notice notice-error pii-review" role="alert" aria-labelledby="pii-title">
      <h3 id="pii-title">This {review.field === "title" ? "title" : "post"} looks like it holds personal information</h3>
      <p>Everything on the boards is public and search engines index it. We found:</p>
      <ul>
        {review.findings.map((finding, index) => (
          <li key={`${finding.kind}-${index}`}>
            {KIND_LABELS[finding.kind] ?? finding.kind}: <code>{finding.text}</code> → <code>{finding.masked}</code>
          </li>
        ))}
      </ul>
      <p>Choose below: publish it masked (recommended), edit it yourself, or publish it exactly as written.</p>
    </div>
  );
}

/** The buttons shown under the editor once a review is pending. */
export function PiiChoiceButtons({ submitLabel }: { submitLabel: string }) {
  return (
    <div className="pii-choices">
      <button type="submit" name="pii" value="mask" className="button">
        {submitLabel} with it masked
      </button>{" "}
      <button type="submit" name="pii" value="keep" className="button secondary">
        {submitLabel} exactly as written (it will be public)
      </button>
    </div>
  );
}

export function BoardsNotice({ children }: { children?: ReactNode }) {
  return (
    <p className="hint boards-notice">
      Take care with personal information: never post receipt numbers, A-numbers, passport numbers or anything else that
      identifies you. Answers here, including from attorneys, are general information and not legal advice.{children}
    </p>
  );
}

export function Honeypot() {
  return (
    <div className="trap" aria-hidden="true">
      <label htmlFor="website">Website</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
