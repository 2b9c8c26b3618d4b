/**
 * Who may do what on every route, as data: the truth the authorization matrix (authorization-matrix.test.ts) checks
 * the real server against. Written from each route's loader and action.
 *
 * Roles are the account roles plus "visitor" (no session) and "moderator" (an applicant account with the board
 * moderator flag). The relation is the account's relation to the objects in the URL (or, for list pages, to the
 * objects the page must show): "own" is the applicant's own case or the author's own board post, "assigned" is staff
 * assigned to the case, "unassigned" is staff not assigned to it or another applicant (admins and moderators are
 * never assigned). `"all"` allows every relation; a role that is absent is denied.
 */
export type MatrixRole = "visitor" | "applicant" | "attorney" | "paralegal" | "admin" | "moderator";
export type Relation = "own" | "assigned" | "unassigned";
export type Access = Partial<Record<MatrixRole, "all" | readonly Relation[]>>;

/** What a URL parameter names; the matrix creates one real object of each kind. */
export type ObjectKind =
  | "case"
  | "questionnaire"
  | "questionnaire-section"
  | "case-task"
  | "message-thread"
  | "document"
  | "form-number"
  | "form-template"
  | "board-category"
  | "board-thread"
  | "board-slug"
  | "board-post"
  | "calendar-feed-token"
  | "privacy-export-token"
  | "status-manage-token"
  | "status-confirm-token"
  | "unsubscribe-token"
  | "outbox-email";

/** Text unique to the created objects; an HTML GET counts as a success only when its body contains the route's marker. */
export type Marker = "questionnaire-id" | "case-title" | "case-reference" | "answer" | "task-title" | "thread-subject" | "board-title" | "post-body" | "email-subject" | "form-edition";

export type RoutePolicy = {
  params?: Record<string, ObjectKind>;
  /** The marker an HTML GET must show to count as a success; without one, any 2xx that is not an error counts. */
  shows?: Marker;
  get: Access;
  post: Access;
  query?: string;
  /**
   * A body for the route's main intent where one is cheap to build (every allowed role must then succeed with it, so
   * the denied roles are refused a request that works); the default is an empty form.
   */
  body?: "case-note" | "task" | "task-update" | "message-reply" | "message-start" | "expiry" | "board-reply" | "post-edit" | "checklist-item" | "upload" | "photo-save" | "status-manual" | "autosave" | "scan-apply";
  /** Where the route redirects a role it turns away, when that is not /login (requireAnonymous sends users to /cases). */
  deniedRedirect?: string;
  /** A redirect to /login that is the route's success (logging out), not a demand to log in. */
  loginIsSuccess?: boolean;
  why?: string;
};

const EVERY_USER: Access = { applicant: "all", attorney: "all", paralegal: "all", admin: "all", moderator: "all" };
const EVERYONE: Access = { visitor: "all", ...EVERY_USER };
const ANONYMOUS: Access = { visitor: "all" };
const ADMIN: Access = { admin: "all" };
const NOBODY: Access = {};
/** The case's applicant, its assigned staff and admins: app/cases/case-access.server.ts. */
const ON_CASE: Access = { applicant: ["own"], attorney: ["assigned"], paralegal: ["assigned"], admin: "all" };
const STAFF_ON_CASE: Access = { attorney: ["assigned"], paralegal: ["assigned"], admin: "all" };
const MODERATORS: Access = { admin: "all", moderator: "all" };
/** Board content: its author and moderators (admins moderate too: app/boards/boards.server.ts isModerator). */
const AUTHOR_OR_MODERATOR: Access = { applicant: ["own"], admin: "all", moderator: "all" };

const CASE = { caseId: "case" } as const;
const QUESTIONNAIRE = { questionnaireId: "questionnaire" } as const;

export const ACCESS_POLICY: Record<string, RoutePolicy> = {
  "_index.tsx": { get: EVERYONE, post: NOBODY, why: "public landing page" },
  "accept-invite.tsx": { get: EVERYONE, post: EVERYONE, why: "the emailed token is the credential (none here: the form shows, nothing is accepted)" },
  "admin.api-keys.tsx": { get: ADMIN, post: ADMIN, why: "admin only; an empty form is a 400" },
  "admin.cases.new.tsx": { get: ADMIN, post: ADMIN },
  "admin.forms.tsx": { get: ADMIN, post: ADMIN },
  "admin.forms_.$templateId.tsx": { params: { templateId: "form-template" }, shows: "form-edition", get: ADMIN, post: NOBODY },
  "admin.moderators.tsx": { get: ADMIN, post: ADMIN },
  "admin.newsletter.tsx": { get: ADMIN, post: ADMIN },
  "admin.users.tsx": { get: ADMIN, post: ADMIN },
  "api.mrz.ts": { get: NOBODY, post: EVERYONE, why: "POST an image only (405 on GET, 400 without an image)" },
  "bench.bare.tsx": { get: NOBODY, post: NOBODY, why: "404 unless BENCH_BARE_ROUTE=true" },
  "boards.$category.tsx": { params: { category: "board-category" }, shows: "board-title", get: EVERYONE, post: NOBODY },
  "boards.$category_.new.tsx": { params: { category: "board-category" }, get: EVERY_USER, post: EVERY_USER, why: "verified members; an empty form is a 400" },
  "boards._index.tsx": { get: EVERYONE, post: NOBODY },
  "boards.moderation.tsx": { get: MODERATORS, post: MODERATORS },
  "boards.moderation_.threads.$threadId.tsx": { params: { threadId: "board-thread" }, shows: "board-title", get: MODERATORS, post: MODERATORS },
  "boards.posts.$postId.edit.tsx": { params: { postId: "board-post" }, shows: "post-body", get: AUTHOR_OR_MODERATOR, post: AUTHOR_OR_MODERATOR, body: "post-edit" },
  "boards.posts.$postId.history.tsx": { params: { postId: "board-post" }, shows: "post-body", get: EVERYONE, post: NOBODY },
  "boards.posts.$postId.report.tsx": { params: { postId: "board-post" }, get: EVERY_USER, post: EVERY_USER },
  "boards.search.tsx": { get: EVERYONE, post: NOBODY },
  "boards.t.$threadId.($slug).tsx": { params: { threadId: "board-thread", slug: "board-slug" }, shows: "board-title", get: EVERYONE, post: EVERY_USER, body: "board-reply" },
  "cases.$caseId.tsx": { params: CASE, shows: "case-title", get: ON_CASE, post: STAFF_ON_CASE, body: "case-note" },
  "cases.$caseId_.audit.tsx": { params: CASE, shows: "case-reference", get: ADMIN, post: NOBODY },
  "cases.$caseId_.documents.tsx": { params: CASE, shows: "case-title", get: ON_CASE, post: ON_CASE, body: "upload" },
  "cases.$caseId_.expirations.tsx": { params: CASE, shows: "case-title", get: ON_CASE, post: STAFF_ON_CASE, body: "expiry" },
  "cases.$caseId_.forms.$formNumber.tsx": { params: { ...CASE, formNumber: "form-number" }, shows: "case-title", get: STAFF_ON_CASE, post: NOBODY },
  "cases.$caseId_.forms.$formNumber[.pdf].tsx": { params: { ...CASE, formNumber: "form-number" }, get: STAFF_ON_CASE, post: NOBODY },
  "cases.$caseId_.messages.tsx": { params: CASE, shows: "thread-subject", get: ON_CASE, post: ON_CASE, body: "message-start" },
  "cases.$caseId_.messages_.$threadId.tsx": { params: { ...CASE, threadId: "message-thread" }, shows: "thread-subject", get: ON_CASE, post: ON_CASE, body: "message-reply" },
  "cases.$caseId_.packet[.pdf].tsx": { params: CASE, query: "?forms=I-765", get: STAFF_ON_CASE, post: NOBODY },
  "cases.$caseId_.photo.tsx": { params: CASE, shows: "case-title", get: ON_CASE, post: ON_CASE, body: "photo-save" },
  "cases.$caseId_.photo_.print[.jpg].tsx": { params: CASE, get: ON_CASE, post: NOBODY },
  "cases.$caseId_.status.tsx": { params: CASE, shows: "case-title", get: ON_CASE, post: STAFF_ON_CASE, body: "status-manual" },
  "cases.$caseId_.tasks.tsx": { params: CASE, shows: "task-title", get: ON_CASE, post: STAFF_ON_CASE, body: "task" },
  "cases.$caseId_.tasks[.ics].tsx": { params: CASE, get: ON_CASE, post: NOBODY },
  "cases.$caseId_.tasks_.$taskId.tsx": { params: { ...CASE, taskId: "case-task" }, shows: "task-title", get: STAFF_ON_CASE, post: STAFF_ON_CASE, body: "task-update" },
  "cases._index.tsx": { shows: "case-title", get: ON_CASE, post: NOBODY },
  "deadlines.tsx": { shows: "task-title", query: "?scope=all", get: ON_CASE, post: NOBODY },
  "deadlines_.feed.$token[.ics].tsx": { params: { token: "calendar-feed-token" }, get: EVERYONE, post: NOBODY, why: "the applicant's feed address is a bearer credential" },
  "deadlines_.settings.tsx": { get: EVERY_USER, post: EVERY_USER },
  "dev.outbox.$emailId.tsx": { params: { emailId: "outbox-email" }, shows: "email-subject", get: EVERYONE, post: NOBODY, why: "development outbox, gone in production" },
  "dev.outbox.tsx": { shows: "email-subject", get: EVERYONE, post: NOBODY, why: "development outbox, gone in production" },
  "documents.$documentId.download.tsx": { params: { documentId: "document" }, get: ON_CASE, post: NOBODY },
  "expirations.tsx": { shows: "case-title", query: "?days=30", get: STAFF_ON_CASE, post: NOBODY },
  "forgot-password.tsx": { get: EVERYONE, post: EVERYONE },
  "login.tsx": { get: ANONYMOUS, post: ANONYMOUS, deniedRedirect: "/cases" },
  "login_.two-factor.tsx": { get: ANONYMOUS, post: ANONYMOUS, deniedRedirect: "/cases", why: "the second step; without a pending login it offers to start again" },
  "logout.tsx": { get: NOBODY, post: EVERYONE, loginIsSuccess: true, why: "GET goes home; POST always logs out" },
  "messages.tsx": { shows: "thread-subject", get: ON_CASE, post: NOBODY },
  "privacy.tsx": { get: EVERYONE, post: EVERYONE },
  "questionnaires.$questionnaireId.tsx": { params: QUESTIONNAIRE, shows: "case-reference", get: ON_CASE, post: ON_CASE },
  "questionnaires.$questionnaireId_.$sectionKey.tsx": { params: { ...QUESTIONNAIRE, sectionKey: "questionnaire-section" }, shows: "answer", get: ON_CASE, post: ON_CASE },
  "questionnaires.$questionnaireId_.autosave.tsx": { params: QUESTIONNAIRE, get: NOBODY, post: ON_CASE, body: "autosave", why: "POST only (405 on GET)" },
  "questionnaires.$questionnaireId_.export[.json].tsx": { params: QUESTIONNAIRE, get: STAFF_ON_CASE, post: NOBODY },
  "questionnaires.$questionnaireId_.export[.pdf].tsx": { params: QUESTIONNAIRE, get: STAFF_ON_CASE, post: NOBODY },
  "questionnaires.$questionnaireId_.history.tsx": { params: QUESTIONNAIRE, shows: "answer", get: STAFF_ON_CASE, post: NOBODY },
  "questionnaires.$questionnaireId_.review.tsx": { params: QUESTIONNAIRE, shows: "answer", get: ON_CASE, post: ON_CASE },
  "questionnaires.$questionnaireId_.scan.tsx": { params: QUESTIONNAIRE, shows: "questionnaire-id", get: ON_CASE, post: ON_CASE, body: "scan-apply" },
  "register.tsx": { get: ANONYMOUS, post: ANONYMOUS, deniedRedirect: "/cases" },
  "reset-password.tsx": { get: EVERYONE, post: EVERYONE },
  "settings.board-profile.tsx": { get: EVERY_USER, post: EVERY_USER },
  "settings.notifications.tsx": { get: EVERY_USER, post: EVERY_USER },
  "settings.password.tsx": { get: EVERY_USER, post: EVERY_USER },
  "settings.privacy.tsx": { shows: "case-title", get: { applicant: ["own"], attorney: ["assigned"], paralegal: ["assigned"] }, post: EVERY_USER, why: "the deletion explanation names one's own held cases and open assignments" },
  "settings.privacy_.export.$token.tsx": { params: { token: "privacy-export-token" }, get: { applicant: ["own"] }, post: NOBODY },
  "settings.sessions.tsx": { get: EVERY_USER, post: EVERY_USER },
  "settings.two-factor.tsx": { get: EVERY_USER, post: EVERY_USER },
  "status._index.tsx": { get: EVERYONE, post: EVERYONE },
  "status.confirm.$token.tsx": { params: { token: "status-confirm-token" }, get: NOBODY, post: NOBODY, why: "an unknown confirmation token; valid ones in status-subscriptions.test.ts" },
  "status.manage.$token.tsx": { params: { token: "status-manage-token" }, get: EVERYONE, post: EVERYONE, why: "the signed manage link is a bearer credential" },
  "unsubscribe.$token.tsx": { params: { token: "unsubscribe-token" }, get: NOBODY, post: NOBODY, why: "an unknown token; valid ones in status-subscriptions.test.ts" },
  "verify-email.tsx": { get: EVERY_USER, post: EVERYONE },
};
