/**
 * The evidence each case type usually needs, as the checklist a new case starts from. Staff adjust it per case.
 * Keys are stable: other features and the demo data find items by them, so rename labels freely but never keys.
 */
import type { CaseType } from "~/generated/prisma/enums";

/** The item the ID-photo feature files its 2x2 inch photos on. */
export const PASSPORT_PHOTO_ITEM_KEY = "passport-photos";

export type ChecklistTemplateItem = { key: string; label: string; description: string; required: boolean };

const item = (key: string, label: string, description: string, required = true): ChecklistTemplateItem => ({ key, label, description, required });

const photos = (who: string) =>
  item(PASSPORT_PHOTO_ITEM_KEY, `Passport-style photos (${who})`, "Two identical 2x2 inch color photos taken in the last 30 days, white background, no glasses.");
const passport = item("passport-id-page", "Passport identity page", "A clear copy of the page with your photo and details, and any U.S. visa page.");
const birthCertificate = item(
  "birth-certificate",
  "Birth certificate",
  "Long-form birth certificate listing both parents, with a certified English translation if it is in another language.",
);
const i94 = item("i94-record", "I-94 arrival record", "Your most recent I-94, printed from the CBP website (i94.cbp.dhs.gov).");
const governmentId = item("government-id", "Government photo ID", "Passport identity page, driver's license or state ID.");
const greenCard = item("green-card-copy", "Green card (both sides)", "A copy of the front and back of your permanent resident card.");
const marriageCertificate = (required: boolean) =>
  item("marriage-certificate", "Marriage certificate", "The civil marriage certificate issued by the government, with a certified translation if needed.", required);
const priorMarriages = item(
  "prior-divorce-decrees",
  "Divorce decrees or death certificates for prior marriages",
  "For every earlier marriage of either spouse: the final divorce decree, annulment or death certificate.",
  false,
);
const courtRecords = item(
  "police-court-records",
  "Arrest and court records",
  "Only if you were ever arrested, cited or charged anywhere: certified court dispositions for each event.",
  false,
);
const nameChange = item("name-change-documents", "Legal name change documents", "Court orders or other records of any change of legal name.", false);

export const DEFAULT_CHECKLISTS: Record<CaseType, ChecklistTemplateItem[]> = {
  I130_FAMILY_PETITION: [
    item(
      "petitioner-status-proof",
      "Proof of the petitioner's U.S. citizenship or permanent residence",
      "U.S. passport identity page, naturalization or citizenship certificate, U.S. birth certificate, or both sides of the green card.",
    ),
    marriageCertificate(true),
    photos("petitioner and beneficiary"),
    priorMarriages,
    item("beneficiary-birth-certificate", "Beneficiary's birth certificate", "With a certified English translation if it is in another language."),
    item(
      "bona-fide-marriage",
      "Proof of a real marriage",
      "Joint lease or mortgage, joint bank statements, insurance naming each other, children's birth certificates, photos together over time.",
    ),
    nameChange,
  ],
  I485_ADJUSTMENT: [
    photos("applicant"),
    birthCertificate,
    passport,
    i94,
    item("medical-exam-i693", "Medical examination (Form I-693)", "Completed by a USCIS civil surgeon; we need the sealed envelope too, so upload a copy and keep it sealed."),
    item(
      "affidavit-of-support",
      "Affidavit of support (Form I-864) and sponsor's tax returns",
      "The sponsor's most recent federal tax return or IRS transcript, W-2s and recent pay stubs.",
    ),
    item("sponsor-status-proof", "Proof of the sponsor's U.S. citizenship or permanent residence", "U.S. passport, naturalization certificate or green card."),
    item("petition-notice", "Petition receipt or approval notice (I-797)", "The notice for the I-130 or other petition your application is based on."),
    marriageCertificate(false),
    courtRecords,
  ],
  I765_WORK_PERMIT: [
    photos("applicant"),
    governmentId,
    i94,
    item(
      "eligibility-evidence",
      "Proof of your eligibility category",
      "For example the receipt notice of your pending I-485 or asylum application, or your approval notice.",
    ),
    item("prior-ead", "Previous work permit (both sides)", "Only if you had a work permit before.", false),
  ],
  I131_TRAVEL_DOCUMENT: [
    photos("applicant"),
    governmentId,
    item("pending-application-notice", "Receipt notice of your pending application", "The I-797 receipt of the I-485 or other application that allows you to travel."),
    item("travel-reason", "Reason for travel", "A short letter with supporting papers, such as a medical letter or an invitation.", false),
    item("prior-travel-documents", "Earlier advance parole or reentry permits", "Copies of any travel document you were issued before.", false),
  ],
  I751_REMOVE_CONDITIONS: [
    greenCard,
    item("joint-residence", "Proof you live together", "Joint lease or mortgage, deed, and utility bills in both names over the last two years."),
    item("joint-finances", "Joint finances", "Joint bank or credit card statements and joint tax returns or IRS transcripts."),
    item("joint-insurance", "Insurance naming each other", "Health, car or life insurance showing your spouse as a member or beneficiary.", false),
    item("children-birth-certificates", "Birth certificates of children born to the marriage", "Only if you have children together.", false),
    item("marriage-affidavits", "Affidavits from people who know your marriage", "Two sworn statements from friends or family, with their contact details and status.", false),
    courtRecords,
  ],
  I90_GREEN_CARD_RENEWAL: [
    greenCard,
    governmentId,
    nameChange,
    item("loss-police-report", "Police report", "Only if your card was lost or stolen and you reported it.", false),
  ],
  N400_NATURALIZATION: [
    greenCard,
    item("tax-transcripts", "IRS tax return transcripts", "Transcripts for the last five years (three if you apply as the spouse of a U.S. citizen)."),
    item("travel-history", "Passports and travel records", "All passports used in the last five years, so we can list every trip abroad."),
    marriageCertificate(false),
    priorMarriages,
    item("selective-service", "Selective Service registration", "Men who lived in the U.S. between ages 18 and 26: your registration letter or number.", false),
    item("child-support", "Child support records", "Only if you have children you do not live with: proof of support payments.", false),
    courtRecords,
    { ...photos("applicant"), required: false, description: "Only if you live abroad: two identical 2x2 inch color photos taken in the last 30 days." },
  ],
  H1B_SPECIALTY_WORKER: [
    passport,
    item("degree-diploma", "Degree diplomas", "Every university degree, with certified English translations."),
    item("transcripts", "Academic transcripts", "Transcripts for every degree listed."),
    item("credential-evaluation", "Foreign degree evaluation", "Only for degrees earned outside the U.S.; we can arrange one.", false),
    item("resume", "Resume or CV", "With months and years for every position."),
    item("experience-letters", "Letters from past employers", "On letterhead, with your title, dates and duties.", false),
    item("current-status", "Current U.S. status documents", "If you are in the U.S.: I-94, earlier I-797 approvals and your last three pay stubs.", false),
  ],
  ASYLUM_I589: [
    photos("applicant and each family member included"),
    item("identity-documents", "Passport or other identity documents", "Any passport, national ID card or other document that shows who you are."),
    { ...birthCertificate, description: "If you cannot get it, tell us why; we will explain it to USCIS." },
    { ...i94, required: false, description: "Only if you were inspected when you entered the U.S." },
    item(
      "persecution-evidence",
      "Evidence supporting your claim",
      "Anything that shows what happened to you or why you fear return: letters, police or medical reports, photos, membership cards.",
    ),
    item("witness-statements", "Statements from witnesses", "Signed statements from people who know what happened, with a translation.", false),
    item("family-relationship", "Marriage and birth certificates for family included", "Only for a spouse or children you include in your application.", false),
  ],
  OTHER: [governmentId],
};
