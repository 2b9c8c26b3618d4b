import type { CaseStatus, CaseType, NoteVisibility } from "~/generated/prisma/enums";

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  I130_FAMILY_PETITION: "I-130 Family petition",
  I485_ADJUSTMENT: "I-485 Adjustment of status",
  I765_WORK_PERMIT: "I-765 Work permit (EAD)",
  I131_TRAVEL_DOCUMENT: "I-131 Travel document",
  I751_REMOVE_CONDITIONS: "I-751 Remove conditions on residence",
  I90_GREEN_CARD_RENEWAL: "I-90 Green card renewal",
  N400_NATURALIZATION: "N-400 Naturalization",
  H1B_SPECIALTY_WORKER: "H-1B Specialty occupation",
  ASYLUM_I589: "I-589 Asylum",
  OTHER: "Other matter",
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  INTAKE: "Intake",
  PREPARING: "Preparing",
  FILED: "Filed",
  RFE_RECEIVED: "RFE received",
  INTERVIEW_SCHEDULED: "Interview scheduled",
  APPROVED: "Approved",
  DENIED: "Denied",
  WITHDRAWN: "Withdrawn",
  CLOSED: "Closed",
};

export const NOTE_VISIBILITY_LABELS: Record<NoteVisibility, string> = {
  STAFF: "Staff only",
  CLIENT: "Visible to client",
};

export const CASE_TYPES = Object.keys(CASE_TYPE_LABELS) as [CaseType, ...CaseType[]];
export const CASE_STATUSES = Object.keys(CASE_STATUS_LABELS) as [CaseStatus, ...CaseStatus[]];
export const NOTE_VISIBILITIES = Object.keys(NOTE_VISIBILITY_LABELS) as [NoteVisibility, ...NoteVisibility[]];
