/**
 * What a USCIS status title means (issue #6). USCIS words the same step in several ways ("Request for Initial
 * Evidence Was Sent", "Request For Initial Evidence Was Sent", "... Was Mailed"), so titles are matched by
 * pattern after normalising case, punctuation and apostrophes, by the first rule that matches: specific rules
 * come before general ones ("Response To USCIS' Request For Evidence Was Received" is an RFE step, not a new
 * case; "Expedite Request Denied" is not a denial). Callers keep the raw title; this only reads it.
 *
 * The explanations are plain language for applicants, in English and Spanish (neutral Latin-American, usted).
 * They say what the step usually means and what usually follows, never how long it will take, and leave
 * advice to the legal team. Browser-safe.
 */
import type { StatusCategory } from "~/status/types";

export type StatusLanguage = "en" | "es";

export type StatusExplanation = { explanation: string; nextStep?: string };

export type StatusRule = {
  /** Stable identifier stored with each observation; explanations hang off it. */
  key: string;
  category: StatusCategory;
  /** Tested against the normalised title: lower case, anything but letters and digits turned into single spaces. */
  pattern: RegExp;
  /** Real USCIS titles this rule is for, as USCIS writes them. */
  titles: readonly string[];
  en: StatusExplanation;
  es: StatusExplanation;
};

export type StatusMatch = { category: StatusCategory; key: string };

export type ExplainedStatus = StatusMatch & { label: string; explanation: string; nextStep?: string };

const CATEGORY_LABELS: Record<StatusCategory, Record<StatusLanguage, string>> = {
  received: { en: "Received", es: "Recibido" },
  biometrics: { en: "Biometrics", es: "Datos biométricos" },
  rfe: { en: "Request for evidence", es: "Solicitud de evidencia" },
  interview: { en: "Interview", es: "Entrevista" },
  approved: { en: "Approved", es: "Aprobado" },
  "card-produced": { en: "Card or document", es: "Tarjeta o documento" },
  denied: { en: "Denied", es: "Denegado" },
  rejected: { en: "Rejected", es: "Rechazado" },
  transferred: { en: "Transferred", es: "Transferido" },
  other: { en: "Update", es: "Novedad" },
};

const ASK_LEGAL_TEAM_EN = "Your legal team can explain what it means for your case.";
const ASK_LEGAL_TEAM_ES = "Su equipo legal puede explicarle qué significa para su caso.";
const NOTHING_TO_DO_EN = "No action needed unless USCIS asks for something.";
const NOTHING_TO_DO_ES = "No tiene que hacer nada, salvo que USCIS le pida algo.";
const SHARE_NOTICE_EN = "Share the notice with your legal team when it arrives.";
const SHARE_NOTICE_ES = "Comparta el aviso con su equipo legal cuando llegue.";
const CHECK_ADDRESS_EN = "Contact your legal team right away and make sure USCIS has your current address.";
const CHECK_ADDRESS_ES = "Comuníquese de inmediato con su equipo legal y asegúrese de que USCIS tenga su dirección actual.";
const ANSWER_BY_DEADLINE_EN = "Your legal team will help you answer by the deadline on the notice.";
const ANSWER_BY_DEADLINE_ES = "Su equipo legal le ayudará a responder antes de la fecha límite indicada en el aviso.";
const NOT_EXPECTED_EN = "If you did not expect this, contact your legal team.";
const NOT_EXPECTED_ES = "Si no esperaba esto, comuníquese con su equipo legal.";
const CHECK_MAIL_EN = "Check your mail for a notice and ask your legal team if anything is unclear.";
const CHECK_MAIL_ES = "Revise su correo por si llega un aviso y consulte a su equipo legal si algo no está claro.";

const RULES: readonly StatusRule[] = [
  {
    key: "not-automatically-revoked",
    category: "other",
    pattern: /\bnot (automatically )?revoked\b/,
    titles: [
      "Case Was Not Revoked or Cancelled By USCIS",
      "Petition Withdrawn/Over 180 Days/Not Automatically Revoked",
      "Petition Business Terminated/Over 180 Days/Not Automatically Revoked",
    ],
    en: {
      explanation:
        "USCIS recorded that an earlier approval was not revoked (cancelled), even though the petition was withdrawn or the business changed. What this means depends on the case.",
      nextStep: "Your legal team will explain what it means for your plans.",
    },
    es: {
      explanation:
        "USCIS registró que una aprobación anterior no fue revocada (cancelada), aunque la petición se retiró o la empresa cambió. Lo que esto significa depende de cada caso.",
      nextStep: "Su equipo legal le explicará qué significa para sus planes.",
    },
  },
  {
    key: "representative-form-rejected",
    category: "other",
    pattern: /\bg 28\b.*\brejected\b/,
    titles: ["Form G-28 Was Rejected Because It Was Improperly Filed"],
    en: {
      explanation:
        "USCIS did not accept the Form G-28, the form that tells USCIS who your attorney or accredited representative is. This status is about that form only; it says nothing by itself about the decision on your case.",
      nextStep: "Your legal team will file a corrected form if needed.",
    },
    es: {
      explanation:
        "USCIS no aceptó el Formulario G-28, el formulario que indica a USCIS quién es su abogado o representante acreditado. Este estado se refiere solo a ese formulario; por sí solo no dice nada sobre la decisión de su caso.",
      nextStep: "Su equipo legal presentará un formulario corregido si hace falta.",
    },
  },
  {
    key: "rejected-fee",
    category: "rejected",
    pattern: /\brejected\b.*\b(fee|funds|check|money order|payment)\b|\bfee was not accepted\b/,
    titles: [
      "Case Rejected Because I Sent An Incorrect Fee",
      "Case Rejected For Incorrect Fee",
      "Case Rejected For Incorrect Fee And Form Not Signed",
      "Case Rejected For Incorrect Fee And Incorrect Form Version",
      "Case Rejected For Incorrect Fee And Payment Not Signed",
      "Case Rejected For Incorrect Fee, Payment Not Signed And Incorrect Form Version",
      "Case Was Rejected Because My Check Or Money Order Is Not Signed",
      "Petition/Application Was Rejected For Insufficient Funds",
      "Resubmitted Fee Was Not Accepted",
    ],
    en: {
      explanation:
        "USCIS returned the filing without reviewing it because of a problem with the fee or the payment (for example the wrong amount, an unsigned check or a payment that did not go through). A rejection is not a decision on the merits of your case.",
      nextStep: "Your legal team will check what went wrong and whether to file again.",
    },
    es: {
      explanation:
        "USCIS devolvió la solicitud sin revisarla por un problema con la tarifa o el pago (por ejemplo, un monto incorrecto, un cheque sin firmar o un pago que no se pudo cobrar). Un rechazo no es una decisión sobre el fondo de su caso.",
      nextStep: "Su equipo legal revisará qué pasó y si conviene presentarla de nuevo.",
    },
  },
  {
    key: "rejected-filing",
    category: "rejected",
    pattern: /\brejected\b/,
    titles: [
      "Case Was Rejected Because It Was Improperly Filed",
      "Case Rejected Because It Was Improperly Filed",
      "Case Was Rejected Because I Did Not Sign My Form",
      "Case Rejected Because The Version Of The Form I Sent Is No Longer Accepted",
      "Case Rejected For Form Not Signed And Incorrect Form Version",
      "CNMI Semiannual Report Rejected",
      "Request Was Rejected",
    ],
    en: {
      explanation:
        "USCIS returned the filing without reviewing it, for example because a form was not signed, an old version of the form was used or it was not filed the right way. A rejection is not a decision on the merits of your case.",
      nextStep: "Your legal team will check what went wrong and whether to file again.",
    },
    es: {
      explanation:
        "USCIS devolvió la solicitud sin revisarla, por ejemplo porque un formulario no estaba firmado, se usó una versión anterior del formulario o no se presentó de la forma correcta. Un rechazo no es una decisión sobre el fondo de su caso.",
      nextStep: "Su equipo legal revisará qué pasó y si conviene presentarla de nuevo.",
    },
  },
  {
    key: "intent-to-deny",
    category: "rfe",
    pattern: /\bintent to deny\b/,
    titles: ["Notice Of Intent To Deny Was Sent", "Notice of Intent to Deny Was Mailed"],
    en: {
      explanation:
        "USCIS sent a Notice of Intent to Deny: it plans to deny the case unless it receives more information or evidence by the deadline on the notice. The case has not been denied.",
      nextStep: "Contact your legal team right away. They will help you respond before the deadline.",
    },
    es: {
      explanation:
        "USCIS envió un Aviso de Intención de Denegar: tiene previsto denegar el caso a menos que reciba más información o evidencia antes de la fecha límite indicada en el aviso. El caso no ha sido denegado.",
      nextStep: "Comuníquese de inmediato con su equipo legal. Le ayudará a responder antes de la fecha límite.",
    },
  },
  {
    key: "intent-to-revoke",
    category: "rfe",
    pattern: /\bintent to (revoke|rescind)\b/,
    titles: ["Intent to Revoke Notice Was Sent", "CWR Notice of Intent to Revoke Sent", "Intent To Rescind Notice Was Mailed"],
    en: {
      explanation:
        "USCIS sent a notice saying it intends to revoke (cancel) or rescind an earlier approval unless it receives a response by the deadline on the notice. The approval has not been revoked yet.",
      nextStep: "Contact your legal team right away. They will help you respond before the deadline.",
    },
    es: {
      explanation:
        "USCIS envió un aviso que indica que tiene la intención de revocar (cancelar) o rescindir una aprobación anterior, a menos que reciba una respuesta antes de la fecha límite indicada en el aviso. La aprobación todavía no ha sido revocada.",
      nextStep: "Comuníquese de inmediato con su equipo legal. Le ayudará a responder antes de la fecha límite.",
    },
  },
  {
    key: "rfe-response-received",
    category: "rfe",
    pattern: /\bresponse to\b.*\b(evidence|intent)\b|\brequest for (\w+ )*evidence was received\b/,
    titles: [
      "Response To USCIS' Request For Evidence Was Received",
      "Response To USCIS Request For Evidence Was Received",
      "Response To USCIS' Request For Evidence Was Received And Case Processing Has Resumed",
      "Request For Evidence Was Received",
    ],
    en: {
      explanation: "USCIS received the response to its request and will continue reviewing the case with the new documents.",
      nextStep: "Nothing to do right now. USCIS may decide the case or ask for something else.",
    },
    es: {
      explanation: "USCIS recibió la respuesta a su solicitud y seguirá revisando el caso con los nuevos documentos.",
      nextStep: "Por ahora no tiene que hacer nada. USCIS puede tomar una decisión o pedir algo más.",
    },
  },
  {
    key: "initial-evidence-requested",
    category: "rfe",
    pattern: /\brequest for initial\b.*\bevidence\b/,
    titles: [
      "Request for Initial Evidence Was Sent",
      "Request For Initial Evidence Was Sent",
      "Request for Initial Evidence Was Mailed",
      "Request for Initial and Additional Evidence Was Mailed",
    ],
    en: {
      explanation:
        "USCIS needs documents that must come with the application and were missing or unclear. It cannot decide the case until it receives them.",
      nextStep: ANSWER_BY_DEADLINE_EN,
    },
    es: {
      explanation:
        "USCIS necesita documentos que deben acompañar la solicitud y que faltaban o no estaban claros. No puede decidir el caso hasta recibirlos.",
      nextStep: ANSWER_BY_DEADLINE_ES,
    },
  },
  {
    key: "rfe-sent",
    category: "rfe",
    pattern: /\brequest for (additional )?evidence\b|\bevidence was requested\b/,
    titles: [
      "Request for Additional Evidence Was Sent",
      "Request for Additional Evidence Was Mailed",
      "Request for Evidence Was Sent",
    ],
    en: {
      explanation: "USCIS needs more documents before it can decide. The notice lists what to send and the deadline.",
      nextStep: ANSWER_BY_DEADLINE_EN,
    },
    es: {
      explanation: "USCIS necesita más documentos antes de poder tomar una decisión. El aviso indica qué debe enviar y la fecha límite.",
      nextStep: ANSWER_BY_DEADLINE_ES,
    },
  },
  {
    key: "expedite-denied",
    category: "other",
    pattern: /\bexpedite request (was )?denied\b/,
    titles: ["Expedite Request Denied"],
    en: {
      explanation:
        "USCIS decided not to speed up the case. The case itself continues in the usual order; this is not a decision on the application.",
      nextStep: "No action needed for the case.",
    },
    es: {
      explanation:
        "USCIS decidió no acelerar el caso. El caso sigue su trámite en el orden habitual; esto no es una decisión sobre la solicitud.",
      nextStep: "No hace falta hacer nada para el caso.",
    },
  },
  {
    key: "expedite-approved",
    category: "other",
    pattern: /\bexpedite request (was )?approved\b/,
    titles: ["Expedite Request Approved"],
    en: {
      explanation: "USCIS agreed to speed up the case. This is not a decision on the application itself; USCIS still has to review it.",
      nextStep: "Keep an eye on your mail for notices from USCIS.",
    },
    es: {
      explanation: "USCIS aceptó acelerar el caso. Esto no es una decisión sobre la solicitud; USCIS todavía debe revisarla.",
      nextStep: "Esté atento a los avisos de USCIS que lleguen por correo.",
    },
  },
  {
    key: "expedite-requested",
    category: "other",
    pattern: /\bexpedite\b/,
    titles: ["Expedite Request Received"],
    en: {
      explanation:
        "USCIS received a request to speed up the case and will decide whether to grant it. USCIS grants these requests only in limited situations.",
    },
    es: {
      explanation:
        "USCIS recibió una solicitud para acelerar el caso y decidirá si la concede. USCIS aprueba estas solicitudes solo en situaciones limitadas.",
    },
  },
  {
    key: "fee-refund",
    category: "other",
    pattern: /\brefund(ed)?\b/,
    titles: ["Fee Will Be Refunded", "Fee Refund Was Mailed", "Premium Processing Fee Will Be Refunded"],
    en: {
      explanation:
        "USCIS is refunding a fee paid for this case, or has mailed the refund. A refund does not by itself mean a decision on the case.",
      nextStep: "Your legal team can tell you why the fee is being refunded.",
    },
    es: {
      explanation:
        "USCIS va a reembolsar una tarifa pagada para este caso, o ya envió el reembolso por correo. Un reembolso no significa por sí solo una decisión sobre el caso.",
      nextStep: "Su equipo legal puede explicarle por qué se reembolsa la tarifa.",
    },
  },
  {
    key: "premium-processing",
    category: "other",
    pattern: /\bpremium processing\b/,
    titles: [
      "Request For Premium Processing Services Was Received",
      "Premium Processing Case is Not Eligible for Pre-Certification",
    ],
    en: {
      explanation:
        "USCIS recorded a request for premium processing (faster processing for an extra fee), or a note about it. Premium processing changes how quickly USCIS must act, not what it decides.",
    },
    es: {
      explanation:
        "USCIS registró una solicitud de procesamiento prioritario (premium processing: un trámite más rápido por una tarifa adicional), o una nota sobre ella. El procesamiento prioritario cambia el plazo en que USCIS debe actuar, no lo que decide.",
    },
  },
  {
    key: "withdrawn",
    category: "other",
    pattern: /\bwithdraw(al|n)\b/,
    titles: ["Withdrawal Acknowledgement Notice Was Sent", "Withdrawal Of My Appeal Was Acknowledged"],
    en: {
      explanation:
        "USCIS confirmed that the application, petition or appeal was withdrawn at the request of the person who filed it. USCIS will not make a decision on it.",
      nextStep: NOT_EXPECTED_EN,
    },
    es: {
      explanation:
        "USCIS confirmó que la solicitud, petición o apelación se retiró a pedido de quien la presentó. USCIS no tomará una decisión sobre ella.",
      nextStep: NOT_EXPECTED_ES,
    },
  },
  {
    key: "hold-ended",
    category: "other",
    pattern: /\bno longer on hold\b|\btermination of litigation\b/,
    titles: ["Case Is No Longer On Hold Because Of Pending Litigation", "Termination Of Litigation Notice Was Mailed"],
    en: { explanation: "The case is no longer on hold because of a court case, and USCIS can continue processing it." },
    es: { explanation: "El caso ya no está en espera por un proceso judicial, y USCIS puede seguir tramitándolo." },
  },
  {
    key: "on-hold",
    category: "other",
    pattern: /\bon hold\b|\blitigation\b/,
    titles: ["Case Is On Hold", "Case Is On Hold Because Of Pending Litigation", "Litigation Notice Was Mailed"],
    en: {
      explanation:
        "USCIS has paused the case, for example because of a court case that affects it. Processing continues once the reason for the hold is resolved.",
      nextStep: "Your legal team will keep track of the hold.",
    },
    es: {
      explanation:
        "USCIS puso el caso en pausa, por ejemplo por un proceso judicial que lo afecta. El trámite continúa cuando se resuelve el motivo de la pausa.",
      nextStep: "Su equipo legal estará pendiente de la pausa.",
    },
  },
  {
    key: "approval-revoked",
    category: "denied",
    pattern: /\brevo(ked|cation)\b/,
    titles: ["Case Approval Was Revoked", "Case Was Automatically Revoked", "Revocation Notice Was Sent"],
    en: {
      explanation:
        "USCIS revoked (cancelled) an earlier approval, or recorded that it was revoked automatically. The approval is no longer valid.",
      nextStep: "Contact your legal team promptly; there may be deadlines to respond or appeal.",
    },
    es: {
      explanation:
        "USCIS revocó (canceló) una aprobación anterior, o registró que se revocó automáticamente. La aprobación ya no es válida.",
      nextStep: "Comuníquese pronto con su equipo legal; puede haber plazos para responder o apelar.",
    },
  },
  {
    key: "appeal-dismissed",
    category: "denied",
    pattern: /\bappeal was dismissed\b/,
    titles: ["Appeal Was Dismissed"],
    en: {
      explanation: "The appeal was dismissed: the earlier decision stands.",
      nextStep: "Your legal team will explain whether any other options remain, and their deadlines.",
    },
    es: {
      explanation: "La apelación fue desestimada: la decisión anterior se mantiene.",
      nextStep: "Su equipo legal le explicará si quedan otras opciones y cuáles son sus plazos.",
    },
  },
  {
    key: "denied",
    category: "denied",
    pattern: /\bdenied\b|\bdenial\b|\breversed\b|\bnot granted\b/,
    titles: [
      "Case Was Denied",
      "Case Was Denied And My Decision Notice Mailed",
      "Primary And Ancillary Benefits Were Denied",
      "Denial Was Upheld by Court",
      "Certified Denial Of My Case Was Affirmed By Appellate Authority",
      "Certified Approval Of My Case Was Reversed by The Appellate Authority",
      "Special Immigrant Juvenile Deferred Action Not Granted",
    ],
    en: {
      explanation:
        "USCIS denied the case. The decision notice explains why. A denial can sometimes be appealed or reconsidered, and there are strict deadlines for that.",
      nextStep: "Contact your legal team promptly to go over the notice and your options.",
    },
    es: {
      explanation:
        "USCIS denegó el caso. El aviso de decisión explica los motivos. A veces se puede apelar una denegación o pedir que se reconsidere, y para eso hay plazos estrictos.",
      nextStep: "Comuníquese pronto con su equipo legal para revisar el aviso y sus opciones.",
    },
  },
  {
    key: "document-destroyed",
    category: "other",
    pattern: /\bdestroyed\b/,
    titles: [
      "Card Destroyed",
      "Card Was Destroyed",
      "Document Destroyed",
      "Document Was Destroyed After USCIS Held It For 180 Days",
      "Document Was Destroyed And Letter Was Received",
      "Travel Document Was Destroyed",
      "Travel Document Was Destroyed After USCIS Held It For 180 Days",
    ],
    en: {
      explanation:
        "USCIS destroyed a card or document that could not be delivered and was not claimed, usually after holding it for some time.",
      nextStep: "Contact your legal team; a replacement usually has to be requested.",
    },
    es: {
      explanation:
        "USCIS destruyó una tarjeta o un documento que no se pudo entregar y que nadie reclamó, normalmente después de guardarlo por un tiempo.",
      nextStep: "Comuníquese con su equipo legal; por lo general hay que pedir un reemplazo.",
    },
  },
  {
    key: "card-mailed",
    category: "card-produced",
    pattern: /\b(card|document|permit)\b.*\b(mailed|picked up)\b/,
    titles: [
      "Card Was Mailed To Me",
      "Card Was Picked Up By The United States Postal Service",
      "Document Was Mailed To Me",
      "Document Was Mailed",
      "Document Was Mailed But Not Returned To USCIS",
      "Travel Document Was Mailed",
      "Advance Parole Document Was Mailed",
    ],
    en: {
      explanation:
        "USCIS mailed the card or document to the address on file, or handed it to the Postal Service for delivery.",
      nextStep: "Watch your mail. If it does not arrive, tell your legal team and make sure USCIS has your current address.",
    },
    es: {
      explanation:
        "USCIS envió por correo la tarjeta o el documento a la dirección registrada, o lo entregó al Servicio Postal para su entrega.",
      nextStep: "Esté atento a su correo. Si no llega, avise a su equipo legal y asegúrese de que USCIS tenga su dirección actual.",
    },
  },
  {
    key: "card-delivered",
    category: "card-produced",
    pattern: /\b(card|document)\b.*\bdelivered\b/,
    titles: ["Card Was Delivered To Me By The Post Office", "Document Was Personally Delivered To Me"],
    en: {
      explanation: "The card or document was delivered.",
      nextStep:
        "Check that your name, date of birth and the other details on it are correct, and tell your legal team if anything is wrong or if you did not receive it.",
    },
    es: {
      explanation: "La tarjeta o el documento fue entregado.",
      nextStep:
        "Revise que su nombre, su fecha de nacimiento y los demás datos sean correctos, y avise a su equipo legal si algo está mal o si no lo recibió.",
    },
  },
  {
    key: "card-returned",
    category: "card-produced",
    pattern: /\b(card|document)\b.*\b(returned|undeliverable|held)\b/,
    titles: [
      "Card Was Returned To USCIS",
      "Card Is Being Returned to USCIS by Post Office",
      "Card Was Determined As Undeliverable By The Post Office",
      "Document Was Returned As Undeliverable",
      "Document Was Returned To USCIS",
      "Document Was Returned To USCIS And Is Being Held",
      "Document Is Being Held For 180 Days",
      "Travel Document Was Returned to USCIS And Will Be Held For 180 Days",
    ],
    en: {
      explanation:
        "The Postal Service could not deliver the card or document and is sending it back, or has sent it back, to USCIS, which holds returned documents only for a limited time.",
      nextStep: CHECK_ADDRESS_EN,
    },
    es: {
      explanation:
        "El Servicio Postal no pudo entregar la tarjeta o el documento y lo está devolviendo, o ya lo devolvió, a USCIS, que guarda los documentos devueltos solo por un tiempo limitado.",
      nextStep: CHECK_ADDRESS_ES,
    },
  },
  {
    key: "travel-document-produced",
    category: "card-produced",
    pattern: /\b(travel document|advance parole|re ?entry permit)\b.*\bproduced\b/,
    titles: ["Advance Parole Document Was Produced", "Reentry Permit Was Produced", "Refugee Travel Document Was Produced"],
    en: {
      explanation:
        "USCIS produced a travel document, such as advance parole, a reentry permit or a refugee travel document. USCIS will send it or make it available as the application requested.",
      nextStep: "Talk to your legal team before any travel.",
    },
    es: {
      explanation:
        "USCIS produjo un documento de viaje, como un permiso adelantado (advance parole), un permiso de reingreso o un documento de viaje para refugiados. USCIS lo enviará o lo pondrá a disposición según lo pedido en la solicitud.",
      nextStep: "Consulte con su equipo legal antes de viajar.",
    },
  },
  {
    key: "card-being-produced",
    category: "card-produced",
    pattern: /\b(card|document)\b.*\bproduced\b/,
    titles: [
      "New Card Is Being Produced",
      "Card Is Being Produced",
      "Card Was Produced",
      "Permanent Resident Card Is Being Produced",
      "Employment Authorization Document Was Produced",
    ],
    en: {
      explanation:
        "USCIS is producing the card or document (for example a green card or a work permit), which usually means the application was approved. It will be mailed to the address on file.",
      nextStep: "Make sure USCIS has your current mailing address.",
    },
    es: {
      explanation:
        "USCIS está produciendo la tarjeta o el documento (por ejemplo, una green card o un permiso de trabajo), lo que normalmente significa que la solicitud fue aprobada. Se enviará por correo a la dirección registrada.",
      nextStep: "Asegúrese de que USCIS tenga su dirección postal actual.",
    },
  },
  {
    key: "oath-ceremony",
    category: "approved",
    pattern: /\boath\b/,
    titles: ["Oath Ceremony Was Scheduled", "Oath Ceremony Notice Was Mailed"],
    en: {
      explanation:
        "USCIS is scheduling, or has scheduled, the naturalization oath ceremony; the notice gives the date, time and place. You become a U.S. citizen only when you take the oath at the ceremony.",
      nextStep: "Read the notice carefully and tell your legal team if you cannot attend.",
    },
    es: {
      explanation:
        "USCIS está programando, o ya programó, la ceremonia de juramentación para la naturalización; el aviso indica la fecha, la hora y el lugar. Usted obtiene la ciudadanía estadounidense solo cuando presta juramento en la ceremonia.",
      nextStep: "Lea el aviso con atención y avise a su equipo legal si no puede asistir.",
    },
  },
  {
    key: "approved-consulate-notified",
    category: "approved",
    pattern: /\bapproved\b.*\b(consulate|port of entry)\b/,
    titles: ["Case Was Approved And USCIS Notified The U.S. Consulate or Port of Entry"],
    en: {
      explanation:
        "USCIS approved the case and told the U.S. consulate or port of entry, which handles the next step, such as a visa interview or admission to the United States.",
      nextStep: "Your legal team will guide you through the consulate's steps.",
    },
    es: {
      explanation:
        "USCIS aprobó el caso y se lo notificó al consulado de EE. UU. o al puerto de entrada, que se encarga del siguiente paso, como una entrevista de visa o la admisión a Estados Unidos.",
      nextStep: "Su equipo legal le guiará en los pasos del consulado.",
    },
  },
  {
    key: "approved",
    category: "approved",
    pattern: /\bapprov(ed|al)\b|\bdeferred action granted\b|\baffirmed\b/,
    titles: [
      "Case Was Approved",
      "Case Was Approved And My Decision Was Emailed",
      "Case Was Approved And A Decision Notice Was Sent",
      "Case Approval Was Affirmed",
      "Case Approval Was Certified By USCIS",
      "Case Approval Was Reaffirmed And Mailed Back To Department Of State",
      "Appeal Was Approved",
      "Request For A Duplicate Card Was Approved",
      "Special Immigrant Juvenile Form I-360 Approved With Deferred Action",
      "Special Immigrant Juvenile Deferred Action Granted",
    ],
    en: {
      explanation:
        "USCIS approved the case. The approval notice explains what happens next, which depends on the type of application (for example, a card may be produced or the case may go to another agency).",
      nextStep: "Keep the approval notice in a safe place. Your legal team will confirm the next steps.",
    },
    es: {
      explanation:
        "USCIS aprobó el caso. El aviso de aprobación explica lo que sigue, que depende del tipo de solicitud (por ejemplo, puede producirse una tarjeta o el caso puede pasar a otra agencia).",
      nextStep: "Guarde el aviso de aprobación en un lugar seguro. Su equipo legal le confirmará los próximos pasos.",
    },
  },
  {
    key: "appeal",
    category: "other",
    pattern: /\bappeals?\b|\bappellate\b|\bremanded\b/,
    titles: [
      "Case Was Sent To The Administrative Appeals Office for Review",
      "Case Was Relocated From Administrative Appeals Office To USCIS Originating Office",
      "Appeal Was Remanded To The Originating Office For Consideration",
      "Appeal Was Terminated and A Notice Was Mailed To Me",
    ],
    en: {
      explanation:
        "There was a step in an appeal or in a review of a decision, for example the case was sent to, or came back from, the Administrative Appeals Office.",
      nextStep: "Your legal team will explain what this step means for the case.",
    },
    es: {
      explanation:
        "Hubo un paso en una apelación o en la revisión de una decisión; por ejemplo, el caso se envió a la Oficina Administrativa de Apelaciones (AAO) o regresó de ella.",
      nextStep: "Su equipo legal le explicará qué significa este paso para el caso.",
    },
  },
  {
    key: "terminated",
    category: "other",
    pattern: /\bterminat(ed|ion)\b/,
    titles: [
      "Status Termination Notice Was Mailed",
      "Termination Notice Sent",
      "Student Employment Authorization Document Automatically Terminated",
      "Special Immigrant Juvenile Deferred Action Terminated",
    ],
    en: {
      explanation: "USCIS recorded that a status, benefit or document connected to the case has ended (been terminated).",
      nextStep: "Contact your legal team promptly to understand what this means for you.",
    },
    es: {
      explanation: "USCIS registró que un estatus, un beneficio o un documento relacionado con el caso terminó.",
      nextStep: "Comuníquese pronto con su equipo legal para entender qué significa para usted.",
    },
  },
  {
    key: "fingerprint-fee-received",
    category: "biometrics",
    pattern: /\bfingerprint fee\b/,
    titles: ["Fingerprint Fee Was Received"],
    en: {
      explanation:
        "USCIS received the biometrics (fingerprint) fee and, if an appointment is needed, will mail a notice with its date, time and place.",
      nextStep: "Watch your mail for the appointment notice.",
    },
    es: {
      explanation:
        "USCIS recibió la tarifa de datos biométricos (huellas) y, si hace falta una cita, enviará por correo un aviso con la fecha, la hora y el lugar.",
      nextStep: "Esté atento a su correo para recibir el aviso de la cita.",
    },
  },
  {
    key: "missed-appointment",
    category: "biometrics",
    pattern: /\bno one appeared\b/,
    titles: ["Case Was Updated To Show That No One Appeared for In-Person Processing"],
    en: {
      explanation:
        "USCIS recorded that no one came to a scheduled in-person appointment, such as a biometrics appointment. Missing an appointment can delay the case or lead to a denial.",
      nextStep: "Contact your legal team right away to ask about rescheduling.",
    },
    es: {
      explanation:
        "USCIS registró que nadie se presentó a una cita en persona programada, como una cita biométrica. No presentarse a una cita puede retrasar el caso o llevar a una denegación.",
      nextStep: "Comuníquese de inmediato con su equipo legal para preguntar cómo reprogramarla.",
    },
  },
  {
    key: "biometrics-rescheduled",
    category: "biometrics",
    pattern: /\b(biometrics?|fingerprints?)\b.*\brescheduled\b/,
    titles: ["Fingerprint and Biometrics Appointment Was Rescheduled", "Biometrics Appointment Was Rescheduled"],
    en: {
      explanation: "USCIS moved the biometrics appointment to a new date. The new notice gives the date, time and place.",
      nextStep: "Go to the appointment on the new date and bring the notice and a photo ID.",
    },
    es: {
      explanation: "USCIS cambió la cita biométrica a una nueva fecha. El nuevo aviso indica la fecha, la hora y el lugar.",
      nextStep: "Acuda a la cita en la nueva fecha y lleve el aviso y una identificación con foto.",
    },
  },
  {
    key: "biometrics-scheduled",
    category: "biometrics",
    pattern: /\b(biometrics?|fingerprints?)\b.*\bscheduled\b/,
    titles: [
      "Biometrics Appointment Was Scheduled",
      "Fingerprint and Biometrics Appointment Was Scheduled",
      "Fingerprint Appointment Was Scheduled",
    ],
    en: {
      explanation:
        "USCIS scheduled an appointment to take your fingerprints, photo and signature. The notice gives the date, time and place.",
      nextStep: "Go to the appointment and bring the notice and a photo ID. If you cannot go, tell your legal team before the date.",
    },
    es: {
      explanation:
        "USCIS programó una cita para tomarle las huellas, la foto y la firma. El aviso indica la fecha, la hora y el lugar.",
      nextStep: "Acuda a la cita y lleve el aviso y una identificación con foto. Si no puede ir, avise a su equipo legal antes de la fecha.",
    },
  },
  {
    key: "biometrics-taken",
    category: "biometrics",
    pattern: /\b(biometrics?|fingerprints?)\b.*\b(taken|collected|completed)\b/,
    titles: ["Case Was Updated To Show Fingerprints Were Taken", "Fingerprint Review Was Completed"],
    en: {
      explanation:
        "USCIS recorded that your fingerprints and other biometrics were taken or reviewed. USCIS uses them for background checks while it continues reviewing the case.",
      nextStep: NOTHING_TO_DO_EN,
    },
    es: {
      explanation:
        "USCIS registró que se tomaron o revisaron sus huellas y demás datos biométricos. USCIS los usa para las verificaciones de antecedentes mientras sigue revisando el caso.",
      nextStep: NOTHING_TO_DO_ES,
    },
  },
  {
    key: "biometrics",
    category: "biometrics",
    pattern: /\b(biometrics?|fingerprints?)\b/,
    titles: [],
    en: { explanation: "There is an update about biometrics (fingerprints, photo and signature) for the case.", nextStep: CHECK_MAIL_EN },
    es: { explanation: "Hay una novedad sobre los datos biométricos (huellas, foto y firma) del caso.", nextStep: CHECK_MAIL_ES },
  },
  {
    key: "interview-rescheduled",
    category: "interview",
    pattern: /\binterview\b.*\brescheduled\b/,
    titles: ["Interview Was Rescheduled"],
    en: {
      explanation: "USCIS moved the interview to a new date. The new notice gives the date, time and place.",
      nextStep: "Your legal team will help you prepare. Tell them right away if you cannot attend.",
    },
    es: {
      explanation: "USCIS cambió la entrevista a una nueva fecha. El nuevo aviso indica la fecha, la hora y el lugar.",
      nextStep: "Su equipo legal le ayudará a prepararse. Avíseles de inmediato si no puede asistir.",
    },
  },
  {
    key: "interview-cancelled",
    category: "interview",
    pattern: /\binterview\b.*\bcancell?ed\b/,
    titles: ["Interview Cancelled", "Interview Cancelled And Notice Ordered"],
    en: {
      explanation:
        "USCIS cancelled the scheduled interview. Sometimes this is because an officer can decide without one; sometimes the interview is scheduled again later.",
      nextStep: "Watch for the next notice; your legal team will follow up.",
    },
    es: {
      explanation:
        "USCIS canceló la entrevista programada. A veces esto ocurre porque un oficial puede decidir sin entrevista; otras veces la entrevista se vuelve a programar más adelante.",
      nextStep: "Esté atento al próximo aviso; su equipo legal hará el seguimiento.",
    },
  },
  {
    key: "interview-completed",
    category: "interview",
    pattern: /\binterview\b.*\bcompleted\b/,
    titles: ["Interview Was Completed And My Case Must Be Reviewed", "Interview Was Completed"],
    en: {
      explanation: "The interview took place, and the officer still needs to finish reviewing the case before deciding.",
      nextStep: "If the officer asked for anything at the interview, your legal team will help you send it.",
    },
    es: {
      explanation: "La entrevista se realizó, y el oficial todavía debe terminar de revisar el caso antes de decidir.",
      nextStep: "Si el oficial pidió algo en la entrevista, su equipo legal le ayudará a enviarlo.",
    },
  },
  {
    key: "ready-for-interview",
    category: "interview",
    pattern: /\b(ready|transferred)\b.*\binterview\b/,
    titles: ["Case is Ready to Be Scheduled for An Interview", "Case Was Transferred To Schedule An Interview"],
    en: {
      explanation:
        "The case is ready for an interview and is waiting to be scheduled at a USCIS office. USCIS will mail a notice with the date, time and place.",
      nextStep: "Your legal team will help you prepare once the notice arrives.",
    },
    es: {
      explanation:
        "El caso está listo para una entrevista y espera que se programe en una oficina de USCIS. USCIS enviará por correo un aviso con la fecha, la hora y el lugar.",
      nextStep: "Su equipo legal le ayudará a prepararse cuando llegue el aviso.",
    },
  },
  {
    key: "interview-scheduled",
    category: "interview",
    pattern: /\binterview\b.*\bscheduled\b/,
    titles: ["Interview Was Scheduled"],
    en: {
      explanation: "USCIS scheduled an interview. The notice gives the date, time and place, and what to bring.",
      nextStep: "Your legal team will help you prepare. Tell them right away if you cannot attend.",
    },
    es: {
      explanation: "USCIS programó una entrevista. El aviso indica la fecha, la hora, el lugar y lo que debe llevar.",
      nextStep: "Su equipo legal le ayudará a prepararse. Avíseles de inmediato si no puede asistir.",
    },
  },
  {
    key: "interview",
    category: "interview",
    pattern: /\binterview\b/,
    titles: [],
    en: { explanation: "There is an update about an interview for the case.", nextStep: CHECK_MAIL_EN },
    es: { explanation: "Hay una novedad sobre una entrevista del caso.", nextStep: CHECK_MAIL_ES },
  },
  {
    key: "reopened",
    category: "other",
    pattern: /\breopened\b/,
    titles: ["Case Was Reopened", "Case Was Reopened For Reconsideration"],
    en: {
      explanation:
        "USCIS reopened the case, for example after a motion to reopen or reconsider, or on its own initiative. The case is under review again and USCIS will make a new decision.",
      nextStep: "Your legal team will tell you if anything is needed.",
    },
    es: {
      explanation:
        "USCIS reabrió el caso, por ejemplo después de una moción para reabrir o reconsiderar, o por iniciativa propia. El caso vuelve a estar en revisión y USCIS tomará una nueva decisión.",
      nextStep: "Su equipo legal le dirá si hace falta algo.",
    },
  },
  {
    key: "sent-to-state-department",
    category: "transferred",
    pattern: /\bsent to the department of state\b/,
    titles: ["Case Was Sent To The Department of State"],
    en: {
      explanation:
        "USCIS sent the case to the Department of State (the National Visa Center), which handles the next steps toward a visa at a U.S. consulate abroad.",
      nextStep: "Watch for messages from the National Visa Center; your legal team will guide you through its process.",
    },
    es: {
      explanation:
        "USCIS envió el caso al Departamento de Estado (el Centro Nacional de Visas), que se encarga de los siguientes pasos para una visa en un consulado de EE. UU. en el extranjero.",
      nextStep: "Esté atento a los mensajes del Centro Nacional de Visas; su equipo legal le guiará en ese proceso.",
    },
  },
  {
    key: "returned-by-state-department",
    category: "transferred",
    pattern: /\bdepartment of state sent\b/,
    titles: ["Department of State Sent Case to USCIS For Review"],
    en: {
      explanation:
        "The Department of State sent the case back to USCIS for review, for example because a consular officer raised a question about the approval.",
      nextStep: "Your legal team will follow up with USCIS.",
    },
    es: {
      explanation:
        "El Departamento de Estado devolvió el caso a USCIS para que lo revise, por ejemplo porque un funcionario consular planteó una duda sobre la aprobación.",
      nextStep: "Su equipo legal hará el seguimiento con USCIS.",
    },
  },
  {
    key: "immigration-court",
    category: "transferred",
    pattern: /\bexecutive office (of|for) immigration review\b/,
    titles: [
      "Case Was Sent To The Executive Office of Immigration Review",
      "Case Was Returned To USCIS By The Executive Office of Immigration Review",
    ],
    en: {
      explanation:
        "The case was sent to, or came back from, the immigration court system (the Executive Office for Immigration Review).",
      nextStep: "Contact your legal team to understand what this means for you.",
    },
    es: {
      explanation:
        "El caso se envió al sistema de tribunales de inmigración (la Oficina Ejecutiva de Revisión de Inmigración, EOIR) o regresó de él.",
      nextStep: "Comuníquese con su equipo legal para entender qué significa para usted.",
    },
  },
  {
    key: "transferred",
    category: "transferred",
    pattern: /\btransferred\b|\bnew office has jurisdiction\b|\breceived at another\b|\bpending at a local office\b/,
    titles: [
      "Case Was Transferred And A New Office Has Jurisdiction",
      "Case Transferred And New Office Has Jurisdiction",
      "Case Transferred To Another Office",
      "Case Was Transferred To Another Office",
      "Case Was Transferred To An Asylum Office",
      "Case Was Transferred To International Office/Consulate",
      "Case Was Received At Another USCIS Office",
      "Case Is Pending at a Local Office",
    ],
    en: {
      explanation:
        "USCIS moved the case to another office, which now handles it. Transfers are often made to balance workloads and are not a decision on the case.",
      nextStep: "No action needed. Notices may now come from the new office.",
    },
    es: {
      explanation:
        "USCIS trasladó el caso a otra oficina, que ahora se encarga de él. Los traslados suelen hacerse para repartir el trabajo y no son una decisión sobre el caso.",
      nextStep: "No tiene que hacer nada. Los avisos pueden llegar ahora desde la nueva oficina.",
    },
  },
  {
    key: "fee-waived",
    category: "received",
    pattern: /\bfees? (were|was) waived\b/,
    titles: ["Fees Were Waived"],
    en: {
      explanation: "USCIS approved the request not to pay the filing fee (a fee waiver), so the case can be processed without it.",
      nextStep: NOTHING_TO_DO_EN,
    },
    es: {
      explanation:
        "USCIS aprobó la solicitud para no pagar la tarifa de presentación (exención de tarifa), así que el caso puede tramitarse sin ella.",
      nextStep: NOTHING_TO_DO_ES,
    },
  },
  {
    key: "correspondence-received",
    category: "other",
    pattern: /\bcorrespondence\b|\bletter\b|\badditional information\b/,
    titles: [
      "Correspondence Was Received And USCIS Is Reviewing It",
      "Document And Letter Was Received And Under Review",
      "Card Was Received By USCIS Along With My Letter",
      "Request for Additional Information Received",
    ],
    en: {
      explanation: "USCIS received a letter, documents or other correspondence about the case and is reviewing it.",
      nextStep: NOTHING_TO_DO_EN,
    },
    es: {
      explanation: "USCIS recibió una carta, documentos u otra correspondencia sobre el caso y la está revisando.",
      nextStep: NOTHING_TO_DO_ES,
    },
  },
  {
    key: "closed",
    category: "other",
    pattern: /\bclosed\b/,
    titles: ["Case Closed Benefit Received By Other Means"],
    en: {
      explanation: "USCIS closed the case without deciding it, for example because the benefit was already obtained another way.",
      nextStep: NOT_EXPECTED_EN,
    },
    es: {
      explanation: "USCIS cerró el caso sin decidirlo, por ejemplo porque el beneficio ya se obtuvo de otra forma.",
      nextStep: NOT_EXPECTED_ES,
    },
  },
  {
    key: "reschedule-requested",
    category: "other",
    pattern: /\brequest to reschedule\b/,
    titles: ["Request To Reschedule My Appointment Was Received"],
    en: {
      explanation: "USCIS received a request to reschedule an appointment and will send a notice with the new date.",
      nextStep: "Watch your mail for the new appointment notice.",
    },
    es: {
      explanation: "USCIS recibió una solicitud para reprogramar una cita y enviará un aviso con la nueva fecha.",
      nextStep: "Esté atento a su correo para recibir el aviso de la nueva cita.",
    },
  },
  {
    key: "received",
    category: "received",
    pattern: /^case (was )?(received|accepted)\b|\blockbox\b|\breceipt notice\b/,
    titles: [
      "Case Was Received",
      "Case Was Received And A Receipt Notice Was Sent",
      "Case Was Received and A Receipt Notice Was Emailed",
      "Case Accepted By The USCIS Lockbox",
    ],
    en: {
      explanation:
        "USCIS received the case and sent (or will send) a receipt notice with the receipt number. The case is waiting in line to be reviewed.",
      nextStep: "Keep the receipt notice. No action needed for now.",
    },
    es: {
      explanation:
        "USCIS recibió el caso y envió (o enviará) un aviso de recibo con el número de recibo. El caso espera su turno para ser revisado.",
      nextStep: "Guarde el aviso de recibo. Por ahora no tiene que hacer nada.",
    },
  },
  {
    key: "actively-reviewed",
    category: "other",
    pattern: /\bactively reviewed\b|\bbeing reviewed\b|\bunder review\b/,
    titles: ["Case Is Being Actively Reviewed By USCIS"],
    en: {
      explanation: "An officer is reviewing the case. This status can stay the same for a long time and does not mean anything is wrong.",
      nextStep: NOTHING_TO_DO_EN,
    },
    es: {
      explanation: "Un oficial está revisando el caso. Este estado puede mantenerse igual por mucho tiempo y no significa que haya un problema.",
      nextStep: NOTHING_TO_DO_ES,
    },
  },
  {
    key: "pending",
    category: "other",
    pattern: /\bpending\b/,
    titles: ["Case Remains Pending"],
    en: { explanation: "The case is still pending: USCIS has not made a decision yet.", nextStep: NOTHING_TO_DO_EN },
    es: { explanation: "El caso sigue pendiente: USCIS todavía no ha tomado una decisión.", nextStep: NOTHING_TO_DO_ES },
  },
  {
    key: "record-updated",
    category: "other",
    pattern: /\bwas updated\b/,
    titles: ["Name Was Updated", "Date of Birth Was Updated"],
    en: {
      explanation: "USCIS updated personal details in its records for the case, such as a name or a date of birth.",
      nextStep: "Check that the details on the next notice are correct.",
    },
    es: {
      explanation: "USCIS actualizó datos personales del caso en sus registros, como el nombre o la fecha de nacimiento.",
      nextStep: "Revise que los datos del próximo aviso sean correctos.",
    },
  },
  {
    key: "notice-returned",
    category: "other",
    pattern: /\bnotice was returned\b|\bcould not deliver\b/,
    titles: ["Notice Was Returned To USCIS Because The Post Office Could Not Deliver It"],
    en: {
      explanation:
        "The Postal Service could not deliver a notice from USCIS and returned it. It may have contained something important, such as an appointment or a deadline.",
      nextStep: CHECK_ADDRESS_EN,
    },
    es: {
      explanation:
        "El Servicio Postal no pudo entregar un aviso de USCIS y lo devolvió. Es posible que contuviera algo importante, como una cita o una fecha límite.",
      nextStep: CHECK_ADDRESS_ES,
    },
  },
  {
    key: "explanation-notice",
    category: "other",
    pattern: /\bnotice explaining\b/,
    titles: ["Notice Explaining USCIS Actions Was Mailed", "Notice Explaining USCIS' Actions Was Mailed"],
    en: {
      explanation: "USCIS mailed a notice explaining an action it took on the case. The status does not say what the action was; the notice does.",
      nextStep: SHARE_NOTICE_EN,
    },
    es: {
      explanation: "USCIS envió por correo un aviso que explica una acción que tomó en el caso. El estado no dice cuál fue la acción; el aviso sí.",
      nextStep: SHARE_NOTICE_ES,
    },
  },
  {
    key: "decision-notice",
    category: "other",
    pattern: /\bdecision notice\b/,
    titles: ["Decision Notice Mailed"],
    en: {
      explanation: "USCIS made a decision and mailed a notice. The status does not say what the decision was; the notice does.",
      nextStep: "Share the notice with your legal team as soon as it arrives.",
    },
    es: {
      explanation: "USCIS tomó una decisión y envió un aviso por correo. El estado no dice cuál fue la decisión; el aviso sí.",
      nextStep: "Comparta el aviso con su equipo legal en cuanto llegue.",
    },
  },
  {
    key: "continuation-notice",
    category: "other",
    pattern: /\bcontinuation notice\b/,
    titles: ["Continuation Notice Was Mailed"],
    en: {
      explanation:
        "USCIS mailed a notice that the case will continue, often after an interview, for example to ask for more documents or to schedule another appointment.",
      nextStep: "Your legal team will help with anything the notice asks for, and its deadline.",
    },
    es: {
      explanation:
        "USCIS envió por correo un aviso de que el caso continúa, a menudo después de una entrevista; por ejemplo, para pedir más documentos o programar otra cita.",
      nextStep: "Su equipo legal le ayudará con lo que pida el aviso y con su fecha límite.",
    },
  },
  {
    key: "notice-mailed",
    category: "other",
    pattern: /\bnotice (was )?(mailed|sent)\b/,
    titles: ["Duplicate Notice Was Mailed", "Duplicate Notice Was Sent", "Amended Notice Was Mailed", "Eligibility Notice Was Mailed"],
    en: { explanation: "USCIS mailed a notice about the case, such as a copy or a corrected notice.", nextStep: SHARE_NOTICE_EN },
    es: { explanation: "USCIS envió por correo un aviso sobre el caso, como una copia o un aviso corregido.", nextStep: SHARE_NOTICE_ES },
  },
];

/** Titles no rule knows: still stored and shown as USCIS wrote them, with an honest explanation. */
const UNRECOGNISED: StatusRule = {
  key: "unrecognised",
  category: "other",
  pattern: /(?:)/,
  titles: ["Filed Under Known Employer Pilot", "CNMI Semiannual Report Received", "Request Was Processed"],
  en: {
    explanation: "USCIS posted an update that Passage cannot explain in plain language yet. The status shown is the exact wording from USCIS.",
    nextStep: ASK_LEGAL_TEAM_EN,
  },
  es: {
    explanation: "USCIS publicó una novedad que Passage todavía no puede explicar en lenguaje sencillo. El estado que se muestra es el texto exacto de USCIS.",
    nextStep: ASK_LEGAL_TEAM_ES,
  },
};

/** Every rule in matching order; the last one matches anything. */
export const STATUS_RULES: readonly StatusRule[] = [...RULES, UNRECOGNISED];

/** Lower-case words separated by single spaces: "USCIS’ Request", "USCIS' Request" and "uscis  request" all read alike. */
function normaliseTitle(title: string) {
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function ruleFor(titleEn: string): StatusRule {
  const title = normaliseTitle(titleEn);
  return RULES.find((rule) => rule.pattern.test(title)) ?? UNRECOGNISED;
}

export function categorise(titleEn: string): StatusMatch {
  const { category, key } = ruleFor(titleEn);
  return { category, key };
}

export function categoryLabel(category: StatusCategory, lang: StatusLanguage): string {
  return CATEGORY_LABELS[category][lang];
}

export function explainStatus(titleEn: string, lang: StatusLanguage): ExplainedStatus {
  const rule = ruleFor(titleEn);
  const { explanation, nextStep } = rule[lang];
  return {
    category: rule.category,
    key: rule.key,
    label: categoryLabel(rule.category, lang),
    explanation,
    ...(nextStep ? { nextStep } : {}),
  };
}

/** Whether a move between two titles is worth telling people about: a new category or a different step. */
export function isSignificantChange(fromTitle: string, toTitle: string): boolean {
  const from = categorise(fromTitle);
  const to = categorise(toTitle);
  return from.category !== to.category || from.key !== to.key;
}
