/**
 * Codes a caller (upload route, admin UI) can switch on; messages are for logs, not for end users.
 */
export type FormErrorCode =
  | "NOT_A_PDF"
  | "PASSWORD_REQUIRED"
  | "DECRYPT_FAILED"
  /** fill/inspect were handed a file that was not normalised at upload: they never decrypt on their own. */
  | "ENCRYPTED"
  /** A Debian tool (qpdf, poppler-utils) is not installed on this host. */
  | "TOOL_MISSING"
  | "TOOL_FAILED";

export class FormError extends Error {
  readonly code: FormErrorCode;

  constructor({ code, message, cause }: { code: FormErrorCode; message: string; cause?: unknown }) {
    super(message, { cause });
    this.name = "FormError";
    this.code = code;
  }
}
