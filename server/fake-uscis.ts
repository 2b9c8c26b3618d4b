/**
 * A local stand-in for the USCIS Case Status API (developer.uscis.gov), for development, tests and benchmarks.
 * It speaks the protocol `app/status/uscis-api.server.ts` speaks to USCIS:
 *
 *   POST /oauth/accesstoken           form-encoded grant_type=client_credentials, client_id, client_secret
 *                                     (or HTTP Basic) -> 200 { access_token, expires_in: "1799", ... },
 *                                     401 { ErrorCode: "invalid_client", Error } for wrong credentials
 *   GET  /case-status/{receiptNumber}  Authorization: Bearer <token> -> 200 { case_status: {...}, message },
 *                                     401 { code, message } without a valid, unexpired token
 *
 * Error bodies use the documented flat { code, message } shape; the token error uses Apigee's default OAuth
 * error shape, which USCIS does not document. Dates are "MM-DD-YYYY HH:mm:ss" in UTC; IOE receipts carry no
 * submittedDate or modifiedDate, as USCIS documents.
 *
 * Reserved receipts (RESERVED_RECEIPTS), answered the same way whatever the state, once the token is valid:
 *   EAC0000000401  401 Invalid Access Token (as when USCIS withdraws an app's access)
 *   EAC0000000404  404 not recognised
 *   EAC0000000422  422 not formatted correctly (as is any malformed receipt, such as "ABC123")
 *   EAC0000000429  429 Spike Arrest Violation, Retry-After: 30 (seconds)
 *   EAC0000000500  500 Internal Server Error
 *   EAC0000000503  503 unavailable, Retry-After: an HTTP date 120 seconds ahead
 *   EAC0000000000  "Case Was Received", but only after `slowMs` (30 s): for client timeouts
 *
 * Scripted receipts (DEFAULT_SCRIPT below, or `scriptFile` with the same JSON shape) move through realistic
 * stages, each with USCIS-style English and Spanish text. They advance on demand (`advance`, or
 * POST /_fake/cases/{receipt}/advance), and optionally every N answered requests (`advanceEveryRequests`) or
 * every S seconds (`advanceEverySeconds`). Any other well-formed receipt answers a deterministic
 * "Case Was Received" (so every demo receipt works) and advances only on demand.
 *
 * Control API for tests and benchmarks (no authentication; the fake only):
 *   GET  /_fake/cases/{receipt}           the case as the API would answer it now
 *   PUT  /_fake/cases/{receipt}           { titleEn, descEn?, titleEs?, descEs?, formType?, date? } sets the status
 *   POST /_fake/cases/{receipt}/advance   next scripted stage -> { advanced, case }
 *   POST /_fake/bulk                      { receipts: [...], status: {...} } sets one status for many receipts
 *   POST /_fake/fail-next                 { count, status?: 503, retryAfter?, delayMs?, target?: "case-status" | "token" }
 *                                         the next `count` requests fail with `status` (after `delayMs`);
 *                                         status 200 with delayMs makes them slow but successful
 *   POST /_fake/expire-tokens             every issued token stops working (a 401 on its next use)
 *   GET  /_fake/requests[?receipt=…]      request statistics (per receipt: count, first, last) or one receipt's log
 *   POST /_fake/reset                     back to the script, no tokens, no log, no pending failures
 * Texts given to PUT and bulk may use the placeholders {date}, {fecha}, {form}, {formName}, {formNameEs} and {receipt}.
 *
 * CLI: tsx server/fake-uscis.ts --port 4010 [--host 127.0.0.1] [--client-id …] [--client-secret …]
 *        [--token-lifetime 1800] [--advance-every-requests N] [--advance-every-seconds S] [--script file.json]
 *        [--per-second N] [--per-day N]
 */
import { randomBytes } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { TCaseStatusResponse } from "../app/status/uscis-api.server.ts";

export const FAKE_USCIS_CLIENT_ID = "passage-fake-uscis-client";
export const FAKE_USCIS_CLIENT_SECRET = "passage-fake-uscis-secret";

export const RESERVED_RECEIPTS = {
  unauthorized: "EAC0000000401",
  notFound: "EAC0000000404",
  invalid: "EAC0000000422",
  rateLimited: "EAC0000000429",
  serverError: "EAC0000000500",
  unavailable: "EAC0000000503",
  slow: "EAC0000000000",
} as const;

export const RESERVED_RETRY_AFTER_SECONDS = { rateLimited: 30, unavailable: 120 } as const;

const RECEIPT_NUMBER = /^[A-Za-z]{3}(?:\d{10}|\*\d{9})$/;

const ERROR_MESSAGES: Record<number, string> = {
  401: "Invalid Access Token",
  404: "Case Status Online does not recognize the receipt number entered. Please check your receipt number and try again. If you need further assistance, please call the USCIS Contact Center at 1-800-375-5283.",
  422: "The application receipt number is not formatted correctly, It should be total of 13 characters (3 character prefix followed by 10 digits). Please check your receipt number and try again",
  429: "Spike Arrest Violation",
  500: "Internal Server Error",
  503: "The Case Status API is unavailable at this time. Please retry your API request later.",
};

// ---------------------------------------------------------------------------------------------- stage texts

const FORM_NAMES: Record<string, [en: string, es: string]> = {
  "I-90": ["Application to Replace Permanent Resident Card", "Solicitud para Reemplazar la Tarjeta de Residente Permanente"],
  "I-129F": ["Petition for Alien Fiancé(e)", "Petición de Prometido(a) Extranjero(a)"],
  "I-130": ["Petition for Alien Relative", "Petición de Familiar Extranjero"],
  "I-131": ["Application for Travel Document", "Solicitud de Documento de Viaje"],
  "I-485": ["Application to Register Permanent Residence or Adjust Status", "Solicitud de Registro de Residencia Permanente o Ajuste de Estatus"],
  "I-751": ["Petition to Remove Conditions on Residence", "Petición para Cancelar las Condiciones de Residencia"],
  "I-765": ["Application for Employment Authorization", "Solicitud de Autorización de Empleo"],
  "N-400": ["Application for Naturalization", "Solicitud de Naturalización"],
};

const MOVE_EN = " If you move, go to www.uscis.gov/addresschange to give us your new mailing address.";
const MOVE_ES = " Si se muda, visite www.uscis.gov/addresschange para darnos su nueva dirección postal.";

type StageText = { titleEn: string; descEn: string; titleEs: string; descEs: string };

function stage(titleEn: string, descEn: string, titleEs: string, descEs: string): StageText {
  return { titleEn, descEn: descEn + MOVE_EN, titleEs, descEs: descEs + MOVE_ES };
}

const FORM_EN = "your Form {form}, {formName}, Receipt Number {receipt}";
const FORM_ES = "su Formulario {form}, {formNameEs}, Número de Recibo {receipt}";

export const STAGES = {
  received: stage(
    "Case Was Received",
    `On {date}, we received ${FORM_EN}, and sent you the receipt notice that describes how we will process your case. Please follow the instructions in the notice. If you do not receive your receipt notice by {date+30}, please call the USCIS Contact Center at 800-375-5283.`,
    "Caso Fue Recibido",
    `El {fecha}, recibimos ${FORM_ES}, y le enviamos el aviso de recibo que describe cómo procesaremos su caso. Por favor, siga las instrucciones del aviso. Si no recibe su aviso de recibo antes del {fecha+30}, llame al Centro de Contacto de USCIS al 800-375-5283.`,
  ),
  "fingerprint-fee-received": stage(
    "Fingerprint Fee Was Received",
    `On {date}, we received your biometrics services fee for ${FORM_EN}. We will mail you a notice that schedules your biometrics appointment. Please follow the instructions in the notice.`,
    "Pago de Huellas Digitales Fue Recibido",
    `El {fecha}, recibimos el pago de servicios biométricos para ${FORM_ES}. Le enviaremos por correo un aviso con la cita para sus datos biométricos. Por favor, siga las instrucciones del aviso.`,
  ),
  "biometrics-scheduled": stage(
    "Biometrics Appointment Was Scheduled",
    `On {date}, we scheduled your biometrics appointment for ${FORM_EN}. We mailed you a biometrics appointment notice with the date, time and location of your appointment at a USCIS Application Support Center. Please follow the instructions in the notice.`,
    "Cita de Datos Biométricos Fue Programada",
    `El {fecha}, programamos su cita de datos biométricos para ${FORM_ES}. Le enviamos por correo un aviso con la fecha, la hora y el lugar de su cita en un Centro de Asistencia para Solicitudes de USCIS. Por favor, siga las instrucciones del aviso.`,
  ),
  "actively-reviewed": stage(
    "Case Is Being Actively Reviewed By USCIS",
    `As of {date}, we are actively reviewing ${FORM_EN}. Our records show nothing is outstanding at this time. We will let you know if we need anything from you.`,
    "Caso Está Siendo Revisado Activamente Por USCIS",
    `Desde el {fecha}, estamos revisando activamente ${FORM_ES}. Nuestros registros muestran que no hay nada pendiente en este momento. Le avisaremos si necesitamos algo de usted.`,
  ),
  "rfe-sent": stage(
    "Request for Additional Evidence Was Sent",
    `On {date}, we sent a request for additional evidence for ${FORM_EN}. The request for evidence explains what we need from you. We will not take action on your case until we receive the evidence or the deadline to submit it expires. Please follow the instructions in the request.`,
    "Se Envió una Solicitud de Evidencia Adicional",
    `El {fecha}, le enviamos una solicitud de evidencia adicional para ${FORM_ES}. La solicitud explica lo que necesitamos de usted. No tomaremos ninguna acción en su caso hasta que recibamos la evidencia o venza el plazo para presentarla. Por favor, siga las instrucciones de la solicitud.`,
  ),
  "rfe-response-received": stage(
    "Response To USCIS' Request For Evidence Was Received",
    `On {date}, we received your response to our Request for Evidence for ${FORM_EN}. USCIS has begun working on your case again. We will send you a decision or notify you if we need something from you.`,
    "Respuesta a la Solicitud de Evidencia de USCIS Fue Recibida",
    `El {fecha}, recibimos su respuesta a nuestra Solicitud de Evidencia para ${FORM_ES}. USCIS ha vuelto a trabajar en su caso. Le enviaremos una decisión o le avisaremos si necesitamos algo de usted.`,
  ),
  "interview-scheduled": stage(
    "Interview Was Scheduled",
    `On {date}, we scheduled an interview for ${FORM_EN}. We mailed you an interview notice with the date, time and location of your interview. Please follow the instructions in the notice.`,
    "Entrevista Fue Programada",
    `El {fecha}, programamos una entrevista para ${FORM_ES}. Le enviamos por correo un aviso de entrevista con la fecha, la hora y el lugar de su entrevista. Por favor, siga las instrucciones del aviso.`,
  ),
  approved: stage(
    "Case Was Approved",
    `On {date}, we approved ${FORM_EN}. We sent you an approval notice. Please follow the instructions in the notice.`,
    "Caso Fue Aprobado",
    `El {fecha}, aprobamos ${FORM_ES}. Le enviamos un aviso de aprobación. Por favor, siga las instrucciones del aviso.`,
  ),
  "approved-sent-to-nvc": stage(
    "Case Was Approved",
    `On {date}, we approved ${FORM_EN}, and sent your case to the Department of State National Visa Center (NVC) for visa processing. NVC processes all approved immigrant visa petitions that need a visa. Please follow the instructions NVC sends you.`,
    "Caso Fue Aprobado",
    `El {fecha}, aprobamos ${FORM_ES}, y enviamos su caso al Centro Nacional de Visas (NVC) del Departamento de Estado para el trámite de la visa. El NVC tramita todas las peticiones de visa de inmigrante aprobadas que necesitan una visa. Por favor, siga las instrucciones que le envíe el NVC.`,
  ),
  "card-being-produced": stage(
    "New Card Is Being Produced",
    "On {date}, we ordered your new card for Receipt Number {receipt}, and will mail it to the address you gave us.",
    "Nueva Tarjeta Está Siendo Producida",
    "El {fecha}, ordenamos su nueva tarjeta para el Número de Recibo {receipt}, y la enviaremos por correo a la dirección que nos proporcionó.",
  ),
  "card-mailed": stage(
    "Card Was Mailed To Me",
    `On {date}, we mailed your new card for ${FORM_EN}, to the address you gave us. The U.S. Postal Service (USPS) tracking number is {tracking}. You can use your tracking number at www.USPS.com in the Quick Tools Tracking section.`,
    "Tarjeta Fue Enviada Por Correo",
    `El {fecha}, le enviamos su nueva tarjeta para ${FORM_ES}, a la dirección que nos proporcionó. El número de rastreo del Servicio Postal de EE. UU. (USPS) es {tracking}. Puede usar su número de rastreo en www.USPS.com, en la sección Quick Tools Tracking.`,
  ),
  "card-picked-up": stage(
    "Card Was Picked Up By The United States Postal Service",
    "On {date}, the Post Office picked up mail containing your new card for Receipt Number {receipt}, and is delivering it to the address you gave us. The tracking number assigned is {tracking}. You can use your tracking number at www.USPS.com in the Quick Tools Tracking section.",
    "Tarjeta Fue Recogida Por El Servicio Postal De Los Estados Unidos",
    "El {fecha}, el Servicio Postal recogió el correo que contiene su nueva tarjeta para el Número de Recibo {receipt}, y la está entregando en la dirección que nos proporcionó. El número de rastreo asignado es {tracking}. Puede usar su número de rastreo en www.USPS.com, en la sección Quick Tools Tracking.",
  ),
  "card-delivered": stage(
    "Card Was Delivered To Me By The Post Office",
    "On {date}, the Post Office delivered your new card for Receipt Number {receipt}, to the address that you gave us. The tracking number assigned is {tracking}. You can use your tracking number at www.USPS.com in the Quick Tools Tracking section.",
    "Tarjeta Fue Entregada Por El Servicio Postal",
    "El {fecha}, el Servicio Postal entregó su nueva tarjeta para el Número de Recibo {receipt}, en la dirección que nos proporcionó. El número de rastreo asignado es {tracking}. Puede usar su número de rastreo en www.USPS.com, en la sección Quick Tools Tracking.",
  ),
  "oath-scheduled": stage(
    "Oath Ceremony Was Scheduled",
    `On {date}, we scheduled your oath ceremony for ${FORM_EN}. We mailed you an oath ceremony notice with the date, time and location of your ceremony. Please follow the instructions in the notice.`,
    "Ceremonia de Juramento Fue Programada",
    `El {fecha}, programamos su ceremonia de juramento para ${FORM_ES}. Le enviamos por correo un aviso con la fecha, la hora y el lugar de su ceremonia. Por favor, siga las instrucciones del aviso.`,
  ),
  denied: stage(
    "Case Was Denied",
    `On {date}, we denied ${FORM_EN}. We mailed you a decision notice that explains why we denied your case and any options you may have. Please follow the instructions in the notice.`,
    "Caso Fue Denegado",
    `El {fecha}, denegamos ${FORM_ES}. Le enviamos por correo un aviso de decisión que explica por qué denegamos su caso y las opciones que pueda tener. Por favor, siga las instrucciones del aviso.`,
  ),
  rejected: stage(
    "Case Was Rejected Because I Sent An Incorrect Fee",
    `On {date}, we rejected ${FORM_EN}, because the fee you sent was not correct. We returned your case with a notice that explains why. You may correct the problem and file the form again with the correct fee.`,
    "Caso Fue Rechazado Porque Envié Un Pago Incorrecto",
    `El {fecha}, rechazamos ${FORM_ES}, porque el pago que envió no era correcto. Le devolvimos su caso con un aviso que explica por qué. Puede corregir el problema y presentar el formulario nuevamente con el pago correcto.`,
  ),
  transferred: stage(
    "Case Was Transferred And A New Office Has Jurisdiction",
    `On {date}, we transferred ${FORM_EN}, to another USCIS office to speed up processing. The office now handling your case will send you a notice. Please follow the instructions in the notice.`,
    "Caso Fue Transferido Y Una Nueva Oficina Tiene Jurisdicción",
    `El {fecha}, transferimos ${FORM_ES}, a otra oficina de USCIS para agilizar su procesamiento. La oficina que ahora tiene su caso le enviará un aviso. Por favor, siga las instrucciones del aviso.`,
  ),
} satisfies Record<string, StageText>;

export type StageName = keyof typeof STAGES;

// ---------------------------------------------------------------------------------------------------- script

const ZScriptStage = z.union([
  z.object({ stage: z.enum(Object.keys(STAGES) as [StageName, ...StageName[]]), day: z.number().int().min(0) }),
  z.object({ titleEn: z.string().min(1), descEn: z.string(), titleEs: z.string().optional(), descEs: z.string().optional(), day: z.number().int().min(0) }),
]);

const ZScript = z.object({
  cases: z.array(
    z.object({
      receipt: z.string().regex(RECEIPT_NUMBER),
      formType: z.string().min(1),
      /** yyyy-mm-dd: stage dates are this plus each stage's `day`. */
      submitted: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      stages: z.array(ZScriptStage).min(1),
    }),
  ),
});

export type FakeUscisScript = z.infer<typeof ZScript>;

/** The built-in script: one receipt per common path, dates in the past so descriptions read naturally. */
export const DEFAULT_SCRIPT: FakeUscisScript = {
  cases: [
    {
      // Adjustment of status through every stage, including an RFE and an interview, to the delivered card.
      receipt: "MSC2590000001",
      formType: "I-485",
      submitted: "2025-02-03",
      stages: [
        { stage: "received", day: 0 },
        { stage: "biometrics-scheduled", day: 24 },
        { stage: "rfe-sent", day: 96 },
        { stage: "rfe-response-received", day: 151 },
        { stage: "interview-scheduled", day: 205 },
        { stage: "approved", day: 240 },
        { stage: "card-being-produced", day: 241 },
        { stage: "card-mailed", day: 249 },
        { stage: "card-delivered", day: 253 },
      ],
    },
    {
      // Filed online: IOE receipts come without submittedDate and modifiedDate.
      receipt: "IOE0925000002",
      formType: "I-765",
      submitted: "2025-04-14",
      stages: [
        { stage: "received", day: 0 },
        { stage: "actively-reviewed", day: 40 },
        { stage: "approved", day: 88 },
        { stage: "card-being-produced", day: 89 },
        { stage: "card-mailed", day: 95 },
        { stage: "card-picked-up", day: 96 },
        { stage: "card-delivered", day: 98 },
      ],
    },
    {
      receipt: "LIN2590000003",
      formType: "I-130",
      submitted: "2025-01-21",
      stages: [
        { stage: "received", day: 0 },
        { stage: "actively-reviewed", day: 180 },
        { stage: "approved-sent-to-nvc", day: 262 },
      ],
    },
    {
      receipt: "MSC2590000004",
      formType: "N-400",
      submitted: "2025-03-10",
      stages: [
        { stage: "received", day: 0 },
        { stage: "fingerprint-fee-received", day: 2 },
        { stage: "biometrics-scheduled", day: 21 },
        { stage: "interview-scheduled", day: 118 },
        { stage: "approved", day: 162 },
        { stage: "oath-scheduled", day: 170 },
      ],
    },
    {
      receipt: "EAC2590000005",
      formType: "I-485",
      submitted: "2025-02-17",
      stages: [
        { stage: "received", day: 0 },
        { stage: "biometrics-scheduled", day: 25 },
        { stage: "interview-scheduled", day: 190 },
        { stage: "denied", day: 231 },
      ],
    },
    {
      receipt: "WAC2590000006",
      formType: "I-765",
      submitted: "2025-05-05",
      stages: [
        { stage: "received", day: 0 },
        { stage: "rejected", day: 9 },
      ],
    },
    {
      receipt: "SRC2590000007",
      formType: "I-90",
      submitted: "2025-03-24",
      stages: [
        { stage: "received", day: 0 },
        { stage: "biometrics-scheduled", day: 30 },
        { stage: "transferred", day: 75 },
        { stage: "actively-reviewed", day: 110 },
        { stage: "approved", day: 151 },
        { stage: "card-being-produced", day: 152 },
      ],
    },
  ],
};

// ------------------------------------------------------------------------------------------------ case state

type Entry = { titleEn: string; descEn: string; titleEs: string | null; descEs: string | null; at: Date };

type PendingFailure = { target: "case-status" | "token"; remaining: number; status: number; retryAfter?: number | string; delayMs?: number };

type FakeCase = {
  receipt: string;
  formType: string;
  submitted: Date;
  scripted: boolean;
  history: Entry[];
  current: Entry;
  upcoming: Entry[];
  /** Fake-clock time the current stage started, for time-based advancing. */
  since: number;
  answeredSinceAdvance: number;
};

export type FakeStatusInput = {
  titleEn: string;
  descEn?: string;
  titleEs?: string | null;
  descEs?: string | null;
  formType?: string;
  /** When the status changed (ISO date or timestamp); now by default. */
  date?: string;
};

const ZStatusInput = z.object({
  titleEn: z.string().min(1),
  descEn: z.string().optional(),
  titleEs: z.string().nullish(),
  descEs: z.string().nullish(),
  formType: z.string().min(1).optional(),
  date: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), "not a date")
    .optional(),
});

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const DAY_MS = 86_400_000;

const dateEn = (d: Date) => `${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
const dateEs = (d: Date) => `${d.getUTCDate()} de ${MONTHS_ES[d.getUTCMonth()]} de ${d.getUTCFullYear()}`;
const pad = (n: number) => String(n).padStart(2, "0");
/** The API's date form, "09-05-2023 14:28:46". */
const uscisDate = (d: Date) =>
  `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

function fill(template: string, c: { receipt: string; formType: string }, at: Date) {
  const [formName, formNameEs] = FORM_NAMES[c.formType] ?? [c.formType, c.formType];
  const tracking = `92055${c.receipt.replace(/\D/g, "").padStart(17, "0")}`;
  return template.replace(/\{(date|fecha)(?:\+(\d+))?\}|\{(form|formName|formNameEs|receipt|tracking)\}/g, (_, dateKind?: string, plusDays?: string, field?: string) => {
    if (dateKind) {
      const d = new Date(at.getTime() + Number(plusDays ?? 0) * DAY_MS);
      return dateKind === "date" ? dateEn(d) : dateEs(d);
    }
    const fields: Record<string, string> = { form: c.formType, formName, formNameEs, receipt: c.receipt, tracking };
    return fields[field ?? ""] ?? "";
  });
}

/** A stage date with a time of day that varies by stage, as USCIS's modifiedDate does. */
function stageDate(filed: Date, day: number) {
  return new Date(filed.getTime() + day * DAY_MS + ((8 + ((day * 7) % 10)) * 3600 + ((day * 13) % 60) * 60 + ((day * 29) % 60)) * 1000);
}

function entryFrom(text: { titleEn: string; descEn?: string; titleEs?: string | null; descEs?: string | null }, c: { receipt: string; formType: string }, at: Date): Entry {
  const descEn = text.descEn ?? `On {date}, the status of ${FORM_EN} changed to: ${text.titleEn}.`;
  return {
    titleEn: fill(text.titleEn, c, at),
    descEn: fill(descEn, c, at),
    titleEs: text.titleEs ? fill(text.titleEs, c, at) : null,
    descEs: text.descEs ? fill(text.descEs, c, at) : null,
    at,
  };
}

const GENERIC_FORMS = ["I-485", "I-765", "I-130", "N-400", "I-131", "I-90"];

// ------------------------------------------------------------------------------------------------- the server

export type FakeUscisOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** A JSON file shaped like DEFAULT_SCRIPT, used instead of it. */
  scriptFile?: string;
  script?: FakeUscisScript;
  /** How long issued tokens work; USCIS's last 30 minutes. */
  tokenLifetimeSeconds?: number;
  /** Scripted receipts move to their next stage after every N answered requests for them. */
  advanceEveryRequests?: number;
  /** Scripted receipts move to their next stage every S seconds. */
  advanceEverySeconds?: number;
  /** Like USCIS's quotas (5 a second and 1,000 a day in the sandbox): over them, 429 Spike Arrest Violation. */
  limits?: { perSecond?: number; perDay?: number };
  /** How long the reserved slow receipt takes to answer. */
  slowMs?: number;
  /** Clock for token expiry, time-based advancing and limits; tests move it. */
  now?: () => number;
};

export type FakeUscisRequest = {
  at: number;
  method: string;
  path: string;
  kind: "token" | "case-status" | "other";
  receipt: string | null;
  status: number;
};

export type FakeUscisStats = {
  total: number;
  tokenRequests: number;
  caseStatusRequests: number;
  tokensIssued: number;
  /** Case-status answers by HTTP status. */
  byStatus: Record<string, number>;
  receipts: Record<string, { count: number; first: number; last: number }>;
  /** Most case-status requests seen within any one second. */
  maxPerSecond: number;
};

export type FailNext = { count: number; status?: number; retryAfter?: number | string; delayMs?: number; target?: "case-status" | "token" };

export type FakeUscis = {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Requests to the API (token and case status), oldest first; the control API is not logged. */
  requests: FakeUscisRequest[];
  readonly tokensIssued: number;
  requestsFor(receipt: string): FakeUscisRequest[];
  stats(): FakeUscisStats;
  /** The body GET /case-status/{receipt} would answer now, for a well-formed receipt. */
  caseStatus(receipt: string): TCaseStatusResponse;
  setStatus(receipt: string, status: FakeStatusInput): void;
  /** Moves a receipt to its next stage; false when it has none. */
  advance(receipt: string): boolean;
  failNext(failure: FailNext): void;
  expireTokens(): void;
  reset(): void;
  close(): Promise<void>;
};

const MAX_LOGGED_REQUESTS = 100_000;

export async function startFakeUscis(options: FakeUscisOptions = {}): Promise<FakeUscis> {
  const clientId = options.clientId ?? FAKE_USCIS_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_USCIS_CLIENT_SECRET;
  const now = options.now ?? Date.now;
  const tokenLifetimeMs = (options.tokenLifetimeSeconds ?? 1800) * 1000;
  const slowMs = options.slowMs ?? 30_000;
  const script = options.scriptFile ? ZScript.parse(JSON.parse(readFileSync(options.scriptFile, "utf8"))) : ZScript.parse(options.script ?? DEFAULT_SCRIPT);
  const scripted = new Map(script.cases.map((c) => [c.receipt.toUpperCase(), c]));

  const cases = new Map<string, FakeCase>();
  const tokens = new Map<string, number>();
  const requests: FakeUscisRequest[] = [];
  const failures: PendingFailure[] = [];
  // Case-status requests let through, for the limits: this second's arrival times and a count per UTC day.
  const recent: number[] = [];
  const perDay = new Map<number, number>();
  let tokensIssued = 0;
  let startedAt = now();
  const closing = new AbortController();

  function newCase(receipt: string): FakeCase {
    const entry = scripted.get(receipt);
    if (entry) {
      const filed = new Date(`${entry.submitted}T00:00:00Z`);
      const submitted = stageDate(filed, 0);
      const c = { receipt, formType: entry.formType };
      const [current, ...upcoming] = entry.stages.map((s) => entryFrom("stage" in s ? STAGES[s.stage] : s, c, stageDate(filed, s.day)));
      return { ...c, submitted, scripted: true, history: [], current: current!, upcoming, since: startedAt, answeredSinceAdvance: 0 };
    }
    // Deterministic by the number, so the same demo receipt always reads the same.
    const digits = Number(receipt.replace(/\D/g, ""));
    const c = { receipt, formType: GENERIC_FORMS[digits % GENERIC_FORMS.length]! };
    const filed = new Date(Date.UTC(2025, 0, 6) + (digits % 300) * DAY_MS);
    const submitted = stageDate(filed, 0);
    const [current, ...upcoming] = (
      [
        ["received", 0],
        ["actively-reviewed", 45],
        ["approved", 120],
      ] as const
    ).map(([name, day]) => entryFrom(STAGES[name], c, stageDate(filed, day)));
    return { ...c, submitted, scripted: false, history: [], current: current!, upcoming, since: now(), answeredSinceAdvance: 0 };
  }

  function caseOf(receipt: string) {
    const key = receipt.toUpperCase();
    let c = cases.get(key);
    if (!c) {
      c = newCase(key);
      cases.set(key, c);
    }
    const everyMs = (options.advanceEverySeconds ?? 0) * 1000;
    if (c.scripted && everyMs > 0) {
      while (c.upcoming.length > 0 && now() - c.since >= everyMs) {
        moveOn(c);
        c.since += everyMs;
      }
    }
    return c;
  }

  function moveOn(c: FakeCase) {
    const next = c.upcoming.shift();
    if (!next) return false;
    c.history.push(c.current);
    c.current = next;
    c.answeredSinceAdvance = 0;
    return true;
  }

  function advance(receipt: string) {
    const c = caseOf(receipt);
    const moved = moveOn(c);
    if (moved) c.since = now();
    return moved;
  }

  function setStatus(receipt: string, input: FakeStatusInput) {
    const status = ZStatusInput.parse(input);
    const c = caseOf(receipt);
    if (status.formType) c.formType = status.formType;
    c.history.push(c.current);
    c.current = entryFrom(status, c, status.date ? new Date(status.date) : new Date(now()));
    // A status set by hand is where the case stays until set again.
    c.upcoming = [];
    c.since = now();
  }

  function body(c: FakeCase): TCaseStatusResponse {
    const dates = c.receipt.startsWith("IOE") ? {} : { submittedDate: uscisDate(c.submitted), modifiedDate: uscisDate(c.current.at) };
    return {
      case_status: {
        receiptNumber: c.receipt,
        formType: c.formType,
        ...dates,
        current_case_status_text_en: c.current.titleEn,
        current_case_status_desc_en: c.current.descEn,
        current_case_status_text_es: c.current.titleEs,
        current_case_status_desc_es: c.current.descEs,
        // USCIS sends null, not an empty list, before a case has any history.
        hist_case_status:
          c.history.length === 0
            ? null
            : c.history.map((h) => ({ date: h.at.toISOString().slice(0, 10), completed_text_en: h.titleEn, completed_text_es: h.titleEs ?? h.titleEn })),
      },
      message: `Query was successful for payload {'receipt_number': '${c.receipt}'}`,
    };
  }

  function log(record: FakeUscisRequest) {
    if (requests.length >= MAX_LOGGED_REQUESTS) requests.splice(0, MAX_LOGGED_REQUESTS / 10);
    requests.push(record);
  }

  function stats(): FakeUscisStats {
    const byStatus: Record<string, number> = {};
    const receipts: FakeUscisStats["receipts"] = {};
    const caseTimes: number[] = [];
    let tokenRequests = 0;
    for (const r of requests) {
      if (r.kind === "token") tokenRequests++;
      if (r.kind !== "case-status") continue;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      caseTimes.push(r.at);
      if (!r.receipt) continue;
      const entry = (receipts[r.receipt] ??= { count: 0, first: r.at, last: r.at });
      entry.count++;
      entry.last = r.at;
    }
    let maxPerSecond = 0;
    for (let start = 0, end = 0; end < caseTimes.length; end++) {
      while (caseTimes[end]! - caseTimes[start]! >= 1000) start++;
      maxPerSecond = Math.max(maxPerSecond, end - start + 1);
    }
    return { total: requests.length, tokenRequests, caseStatusRequests: caseTimes.length, tokensIssued, byStatus, receipts, maxPerSecond };
  }

  /** Counts a case-status request against the limits, or says how long until it would fit. */
  function overLimit(at: number): { retryAfter: number } | null {
    const limits = options.limits ?? {};
    if (!limits.perSecond && !limits.perDay) return null;
    const day = Math.floor(at / DAY_MS);
    while (recent.length > 0 && at - recent[0]! >= 1000) recent.shift();
    if (limits.perDay && (perDay.get(day) ?? 0) >= limits.perDay) return { retryAfter: Math.ceil(((day + 1) * DAY_MS - at) / 1000) };
    if (limits.perSecond && recent.length >= limits.perSecond) return { retryAfter: 1 };
    recent.push(at);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    return null;
  }

  function takeFailure(target: "case-status" | "token") {
    const failure = failures.find((f) => f.target === target);
    if (!failure) return null;
    if (--failure.remaining <= 0) failures.splice(failures.indexOf(failure), 1);
    return failure;
  }

  function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
    res.end(JSON.stringify(payload));
  }

  const apiError = (status: number) => ({ code: status, message: ERROR_MESSAGES[status] ?? STATUS_CODES[status] ?? "Error" });

  async function wait(ms: number, res: ServerResponse) {
    const gone = new AbortController();
    res.once("close", () => gone.abort());
    await sleep(ms, undefined, { signal: AbortSignal.any([closing.signal, gone.signal]) }).catch(() => {});
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse, record: FakeUscisRequest) {
    const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
      record.status = status;
      send(res, status, payload, headers);
    };
    if (req.method !== "POST") return reply(405, { ErrorCode: "invalid_request", Error: "Only POST is allowed" });
    const failure = takeFailure("token");
    if (failure) {
      if (failure.delayMs) await wait(failure.delayMs, res);
      return reply(failure.status, apiError(failure.status), failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) });
    }
    const form = new URLSearchParams(await readBody(req));
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (basic) {
      const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      id = decoded.slice(0, colon);
      secret = decoded.slice(colon + 1);
    }
    const grant = form.get("grant_type");
    if (grant !== "client_credentials") return reply(400, { ErrorCode: "invalid_request", Error: `Unsupported grant type : ${grant ?? ""}` });
    if (id !== clientId || secret !== clientSecret) return reply(401, { ErrorCode: "invalid_client", Error: "ClientId is Invalid" });

    const token = randomBytes(21).toString("base64url");
    const issuedAt = now();
    tokens.set(token, issuedAt + tokenLifetimeMs);
    tokensIssued++;
    const seconds = tokenLifetimeMs / 1000;
    reply(200, {
      refresh_token_expires_in: "0",
      api_product_list: "[Case Status API - Sandbox]",
      api_product_list_json: ["Case Status API - Sandbox"],
      organization_name: "uscis",
      token_type: "BearerToken",
      issued_at: String(issuedAt),
      client_id: clientId,
      access_token: token,
      application_name: "passage-fake",
      scope: "",
      // USCIS announces one second less than the token lives ("1799" for 30 minutes).
      expires_in: String(Math.max(1, Math.floor(seconds) - 1)),
      refresh_count: "0",
      status: "approved",
    });
  }

  async function handleCaseStatus(req: IncomingMessage, res: ServerResponse, record: FakeUscisRequest, rawReceipt: string) {
    const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
      record.status = status;
      send(res, status, payload, headers);
    };
    if (RECEIPT_NUMBER.test(rawReceipt)) record.receipt = rawReceipt.toUpperCase();
    if (req.method !== "GET") return reply(405, { code: 405, message: "Method Not Allowed" });
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const expiresAt = bearer ? tokens.get(bearer[1]!) : undefined;
    if (expiresAt === undefined || expiresAt <= now()) return reply(401, apiError(401));

    const limited = overLimit(record.at);
    if (limited) return reply(429, apiError(429), { "retry-after": String(limited.retryAfter) });
    const failure = takeFailure("case-status");
    if (failure) {
      if (failure.delayMs) await wait(failure.delayMs, res);
      if (failure.status !== 200) {
        return reply(failure.status, apiError(failure.status), failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) });
      }
    }

    if (!RECEIPT_NUMBER.test(rawReceipt)) return reply(422, apiError(422));
    const receipt = rawReceipt.toUpperCase();
    switch (receipt) {
      case RESERVED_RECEIPTS.unauthorized:
        return reply(401, apiError(401));
      case RESERVED_RECEIPTS.notFound:
        return reply(404, apiError(404));
      case RESERVED_RECEIPTS.invalid:
        return reply(422, apiError(422));
      case RESERVED_RECEIPTS.rateLimited:
        return reply(429, apiError(429), { "retry-after": String(RESERVED_RETRY_AFTER_SECONDS.rateLimited) });
      case RESERVED_RECEIPTS.serverError:
        return reply(500, apiError(500));
      case RESERVED_RECEIPTS.unavailable:
        return reply(503, apiError(503), { "retry-after": new Date(now() + RESERVED_RETRY_AFTER_SECONDS.unavailable * 1000).toUTCString() });
      case RESERVED_RECEIPTS.slow:
        await wait(slowMs, res);
        break;
    }
    const c = caseOf(receipt);
    reply(200, body(c));
    const every = options.advanceEveryRequests ?? 0;
    if (c.scripted && every > 0 && ++c.answeredSinceAdvance >= every) advance(receipt);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL) {
    const parts = url.pathname.split("/").slice(2).map(decodeURIComponent);
    const json = async () => {
      const raw = await readBody(req);
      return raw ? (JSON.parse(raw) as unknown) : {};
    };
    const [resource, receipt, action] = parts;
    if (resource === "cases" && receipt && !RECEIPT_NUMBER.test(receipt)) return send(res, 400, { error: "not a well-formed receipt number" });
    if (resource === "cases" && receipt) {
      if (!action && req.method === "GET") return send(res, 200, body(caseOf(receipt)));
      if (!action && req.method === "PUT") {
        setStatus(receipt, (await json()) as FakeStatusInput);
        return send(res, 200, body(caseOf(receipt)));
      }
      if (action === "advance" && req.method === "POST") {
        const advanced = advance(receipt);
        return send(res, 200, { advanced, case: body(caseOf(receipt)) });
      }
    }
    if (req.method === "POST" && resource === "bulk" && parts.length === 1) {
      const { receipts, status } = z.object({ receipts: z.array(z.string().regex(RECEIPT_NUMBER)).min(1), status: ZStatusInput }).parse(await json());
      for (const r of receipts) setStatus(r, status);
      return send(res, 200, { updated: receipts.length });
    }
    if (req.method === "POST" && resource === "fail-next" && parts.length === 1) {
      fakeApi.failNext(ZFailNext.parse(await json()));
      return send(res, 200, { pending: failures.map((f) => ({ target: f.target, remaining: f.remaining, status: f.status })) });
    }
    if (req.method === "POST" && resource === "expire-tokens" && parts.length === 1) {
      fakeApi.expireTokens();
      return send(res, 200, { expired: true });
    }
    if (req.method === "GET" && resource === "requests" && parts.length === 1) {
      const receiptFilter = url.searchParams.get("receipt");
      return send(res, 200, receiptFilter ? { requests: fakeApi.requestsFor(receiptFilter) } : stats());
    }
    if (req.method === "POST" && resource === "reset" && parts.length === 1) {
      fakeApi.reset();
      return send(res, 200, { reset: true });
    }
    send(res, 404, { error: "no such control endpoint" });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake-uscis");
    if (url.pathname.startsWith("/_fake/")) return handleControl(req, res, url);
    const record: FakeUscisRequest = { at: now(), method: req.method ?? "", path: url.pathname, kind: "other", receipt: null, status: 0 };
    log(record);
    if (url.pathname === "/oauth/accesstoken") {
      record.kind = "token";
      return handleToken(req, res, record);
    }
    const caseStatus = /^\/case-status\/([^/]+)$/.exec(url.pathname);
    if (caseStatus) {
      record.kind = "case-status";
      return handleCaseStatus(req, res, record, decodeURIComponent(caseStatus[1]!));
    }
    record.status = 404;
    send(res, 404, { code: 404, message: "Resource not found" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      const invalid = error instanceof z.ZodError || error instanceof SyntaxError;
      send(res, invalid ? 400 : 500, { error: invalid ? "invalid request body" : "fake USCIS failed", detail: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  const fakeApi: FakeUscis = {
    url: `http://${host}:${address.port}`,
    clientId,
    clientSecret,
    requests,
    get tokensIssued() {
      return tokensIssued;
    },
    requestsFor: (receipt) => requests.filter((r) => r.receipt === receipt.toUpperCase()),
    stats,
    caseStatus(receipt) {
      if (!RECEIPT_NUMBER.test(receipt)) throw new Error("not a well-formed receipt number");
      return body(caseOf(receipt));
    },
    setStatus,
    advance,
    failNext(failure) {
      const { count, status = 503, retryAfter, delayMs, target = "case-status" } = ZFailNext.parse(failure);
      if (count > 0) failures.push({ target, remaining: count, status, retryAfter, delayMs });
    },
    expireTokens() {
      tokens.clear();
    },
    reset() {
      cases.clear();
      tokens.clear();
      requests.length = 0;
      failures.length = 0;
      recent.length = 0;
      perDay.clear();
      tokensIssued = 0;
      startedAt = now();
    },
    close() {
      if (!server.listening) return Promise.resolve();
      closing.abort();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  return fakeApi;
}

const ZFailNext = z.object({
  count: z.number().int().min(0),
  status: z.number().int().min(200).max(599).optional(),
  retryAfter: z.union([z.number().int().min(0), z.string().min(1)]).optional(),
  delayMs: z.number().int().min(0).optional(),
  target: z.enum(["case-status", "token"]).optional(),
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// ------------------------------------------------------------------------------------------------------- CLI

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      "client-id": { type: "string", default: FAKE_USCIS_CLIENT_ID },
      "client-secret": { type: "string", default: FAKE_USCIS_CLIENT_SECRET },
      "token-lifetime": { type: "string" },
      "advance-every-requests": { type: "string" },
      "advance-every-seconds": { type: "string" },
      script: { type: "string" },
      "per-second": { type: "string" },
      "per-day": { type: "string" },
    },
  });
  const number = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of 0 or more`);
    return n;
  };
  const fake = await startFakeUscis({
    port: number("port", values.port),
    host: values.host,
    clientId: values["client-id"],
    clientSecret: values["client-secret"],
    scriptFile: values.script,
    tokenLifetimeSeconds: number("token-lifetime", values["token-lifetime"]),
    advanceEveryRequests: number("advance-every-requests", values["advance-every-requests"]),
    advanceEverySeconds: number("advance-every-seconds", values["advance-every-seconds"]),
    limits: { perSecond: number("per-second", values["per-second"]), perDay: number("per-day", values["per-day"]) },
  });
  console.log(`Fake USCIS Case Status API on ${fake.url}`);
  console.log(`  USCIS_API_URL=${fake.url} USCIS_CLIENT_ID=${fake.clientId} USCIS_CLIENT_SECRET=${fake.clientSecret}`);
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
