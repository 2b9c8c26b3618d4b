import { categorise, categoryLabel, explainStatus, isSignificantChange, STATUS_RULES } from "~/status/categories";
import { STATUS_CATEGORIES, type StatusCategory } from "~/status/types";

/**
 * Titles as USCIS writes them, collected from public case-status checkers and trackers, with the category and
 * rule each must land on. Written out here rather than read from STATUS_RULES so a rule change cannot quietly
 * move a title.
 */
const REAL_TITLES: [title: string, category: StatusCategory, key: string][] = [
  ["Case Was Received", "received", "received"],
  ["Case Was Received And A Receipt Notice Was Sent", "received", "received"],
  ["Case Was Received and A Receipt Notice Was Emailed", "received", "received"],
  ["Case Accepted By The USCIS Lockbox", "received", "received"],
  ["Fees Were Waived", "received", "fee-waived"],
  ["Fingerprint Fee Was Received", "biometrics", "fingerprint-fee-received"],
  ["Biometrics Appointment Was Scheduled", "biometrics", "biometrics-scheduled"],
  ["Fingerprint and Biometrics Appointment Was Scheduled", "biometrics", "biometrics-scheduled"],
  ["Fingerprint and Biometrics Appointment Was Rescheduled", "biometrics", "biometrics-rescheduled"],
  ["Case Was Updated To Show Fingerprints Were Taken", "biometrics", "biometrics-taken"],
  ["Fingerprint Review Was Completed", "biometrics", "biometrics-taken"],
  ["Case Was Updated To Show That No One Appeared for In-Person Processing", "biometrics", "missed-appointment"],
  ["Request for Additional Evidence Was Sent", "rfe", "rfe-sent"],
  ["Request for Evidence Was Sent", "rfe", "rfe-sent"],
  ["Request for Initial Evidence Was Sent", "rfe", "initial-evidence-requested"],
  ["Request For Initial Evidence Was Sent", "rfe", "initial-evidence-requested"],
  ["Request for Initial and Additional Evidence Was Mailed", "rfe", "initial-evidence-requested"],
  ["Response To USCIS' Request For Evidence Was Received", "rfe", "rfe-response-received"],
  ["Response To USCIS Request For Evidence Was Received", "rfe", "rfe-response-received"],
  ["Request For Evidence Was Received", "rfe", "rfe-response-received"],
  ["Notice Of Intent To Deny Was Sent", "rfe", "intent-to-deny"],
  ["Intent to Revoke Notice Was Sent", "rfe", "intent-to-revoke"],
  ["Case is Ready to Be Scheduled for An Interview", "interview", "ready-for-interview"],
  ["Case Was Transferred To Schedule An Interview", "interview", "ready-for-interview"],
  ["Interview Was Scheduled", "interview", "interview-scheduled"],
  ["Interview Was Rescheduled", "interview", "interview-rescheduled"],
  ["Interview Was Completed And My Case Must Be Reviewed", "interview", "interview-completed"],
  ["Interview Cancelled And Notice Ordered", "interview", "interview-cancelled"],
  ["Case Was Approved", "approved", "approved"],
  ["Case Was Approved And My Decision Was Emailed", "approved", "approved"],
  ["Case Was Approved And A Decision Notice Was Sent", "approved", "approved"],
  ["Case Approval Was Reaffirmed And Mailed Back To Department Of State", "approved", "approved"],
  ["Case Was Approved And USCIS Notified The U.S. Consulate or Port of Entry", "approved", "approved-consulate-notified"],
  ["Oath Ceremony Was Scheduled", "approved", "oath-ceremony"],
  ["Oath Ceremony Notice Was Mailed", "approved", "oath-ceremony"],
  ["Card Was Produced", "card-produced", "card-being-produced"],
  ["New Card Is Being Produced", "card-produced", "card-being-produced"],
  ["Advance Parole Document Was Produced", "card-produced", "travel-document-produced"],
  ["Card Was Mailed To Me", "card-produced", "card-mailed"],
  ["Card Was Picked Up By The United States Postal Service", "card-produced", "card-mailed"],
  ["Document Was Mailed To Me", "card-produced", "card-mailed"],
  ["Document Was Mailed But Not Returned To USCIS", "card-produced", "card-mailed"],
  ["Card Was Delivered To Me By The Post Office", "card-produced", "card-delivered"],
  ["Card Was Returned To USCIS", "card-produced", "card-returned"],
  ["Card Is Being Returned to USCIS by Post Office", "card-produced", "card-returned"],
  ["Case Was Denied", "denied", "denied"],
  ["Case Was Denied And My Decision Notice Mailed", "denied", "denied"],
  ["Certified Denial Of My Case Was Affirmed By Appellate Authority", "denied", "denied"],
  ["Appeal Was Dismissed", "denied", "appeal-dismissed"],
  ["Case Approval Was Revoked", "denied", "approval-revoked"],
  ["Case Was Rejected Because It Was Improperly Filed", "rejected", "rejected-filing"],
  ["Case Was Rejected Because I Did Not Sign My Form", "rejected", "rejected-filing"],
  ["Case Rejected Because The Version Of The Form I Sent Is No Longer Accepted", "rejected", "rejected-filing"],
  ["Case Rejected For Incorrect Fee", "rejected", "rejected-fee"],
  ["Case Rejected Because I Sent An Incorrect Fee", "rejected", "rejected-fee"],
  ["Case Rejected For Incorrect Fee, Payment Not Signed And Incorrect Form Version", "rejected", "rejected-fee"],
  ["Petition/Application Was Rejected For Insufficient Funds", "rejected", "rejected-fee"],
  ["Case Was Transferred And A New Office Has Jurisdiction", "transferred", "transferred"],
  ["Case Transferred And New Office Has Jurisdiction", "transferred", "transferred"],
  ["Case Transferred To Another Office", "transferred", "transferred"],
  ["Case Was Received At Another USCIS Office", "transferred", "transferred"],
  ["Case Was Sent To The Department of State", "transferred", "sent-to-state-department"],
  ["Case Is Being Actively Reviewed By USCIS", "other", "actively-reviewed"],
  ["Case Remains Pending", "other", "pending"],
  ["Name Was Updated", "other", "record-updated"],
  ["Date of Birth Was Updated", "other", "record-updated"],
  ["Notice Explaining USCIS Actions Was Mailed", "other", "explanation-notice"],
  ["Notice Explaining USCIS' Actions Was Mailed", "other", "explanation-notice"],
  ["Notice Was Returned To USCIS Because The Post Office Could Not Deliver It", "other", "notice-returned"],
  ["Case Was Reopened", "other", "reopened"],
  ["Withdrawal Acknowledgement Notice Was Sent", "other", "withdrawn"],
  ["Expedite Request Denied", "other", "expedite-denied"],
  ["Expedite Request Approved", "other", "expedite-approved"],
  ["Expedite Request Received", "other", "expedite-requested"],
  ["Form G-28 Was Rejected Because It Was Improperly Filed", "other", "representative-form-rejected"],
  ["Petition Withdrawn/Over 180 Days/Not Automatically Revoked", "other", "not-automatically-revoked"],
  ["Premium Processing Fee Will Be Refunded", "other", "fee-refund"],
  ["Request For Premium Processing Services Was Received", "other", "premium-processing"],
  ["Correspondence Was Received And USCIS Is Reviewing It", "other", "correspondence-received"],
  ["Case Closed Benefit Received By Other Means", "other", "closed"],
  ["Request To Reschedule My Appointment Was Received", "other", "reschedule-requested"],
  ["Case Is On Hold Because Of Pending Litigation", "other", "on-hold"],
  ["Case Is No Longer On Hold Because Of Pending Litigation", "other", "hold-ended"],
  ["Duplicate Notice Was Mailed", "other", "notice-mailed"],
  ["Decision Notice Mailed", "other", "decision-notice"],
  ["Continuation Notice Was Mailed", "other", "continuation-notice"],
  ["Appeal Was Remanded To The Originating Office For Consideration", "other", "appeal"],
  ["Student Employment Authorization Document Automatically Terminated", "other", "terminated"],
  ["Travel Document Was Destroyed After USCIS Held It For 180 Days", "other", "document-destroyed"],
];

/** Real titles no rule is meant to explain. */
const INTENDED_UNRECOGNISED = ["Filed Under Known Employer Pilot", "CNMI Semiannual Report Received", "Request Was Processed"];

describe("categorise", () => {
  it.each(REAL_TITLES)("%s → %s (%s)", (title, category, key) => {
    expect(categorise(title)).toEqual({ category, key });
  });

  it("puts every title a rule lists under that rule, so the order of rules cannot steal it", () => {
    for (const rule of STATUS_RULES) {
      for (const title of rule.titles) {
        expect(categorise(title), title).toEqual({ category: rule.category, key: rule.key });
      }
    }
  });

  it("recognises every real title except the ones meant to be unrecognised", () => {
    const titles = [...REAL_TITLES.map(([title]) => title), ...STATUS_RULES.flatMap((rule) => rule.titles)];
    const unrecognised = [...new Set(titles.filter((title) => categorise(title).key === "unrecognised"))];
    expect(unrecognised.sort()).toEqual([...INTENDED_UNRECOGNISED].sort());
  });

  it("matches whatever the case, punctuation, apostrophes or spacing", () => {
    const rfeResponse = { category: "rfe", key: "rfe-response-received" };
    for (const title of [
      "Response To USCIS’ Request For Evidence Was Received",
      "Response To USCIS‘ Request For Evidence Was Received",
      "Response To USCIS&#39; Request For Evidence Was Received",
      "  response   to uscis'   request for evidence was received.  ",
      "RESPONSE TO USCIS' REQUEST FOR EVIDENCE WAS RECEIVED",
      "Response\u00A0To USCIS' Request\tFor Evidence Was Received",
    ]) {
      expect(categorise(title), title).toEqual(rfeResponse);
    }
    expect(categorise("Notice Explaining USCIS’ Actions Was Mailed").key).toBe("explanation-notice");
    expect(categorise("case was approved and my decision was emailed!").category).toBe("approved");
    expect(categorise("Ｃａｓｅ Ｗａｓ Ａｐｐｒｏｖｅｄ").category).toBe("approved");
  });

  it("sends anything unknown, including empty text, to other", () => {
    expect(categorise("Something USCIS has never said")).toEqual({ category: "other", key: "unrecognised" });
    expect(categorise("")).toEqual({ category: "other", key: "unrecognised" });
  });
});

describe("STATUS_RULES", () => {
  it("has unique keys and known categories, and ends with the catch-all", () => {
    const keys = STATUS_RULES.map((rule) => rule.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const rule of STATUS_RULES) expect(STATUS_CATEGORIES).toContain(rule.category);
    expect(STATUS_RULES.at(-1)?.key).toBe("unrecognised");
    expect(STATUS_RULES.filter((rule) => rule.key !== "unrecognised").every((rule) => !rule.pattern.test(""))).toBe(true);
  });

  it("covers every category", () => {
    const used = new Set(STATUS_RULES.map((rule) => rule.category));
    expect([...used].sort()).toEqual([...STATUS_CATEGORIES].sort());
  });

  it("explains every rule in English and Spanish, with a next step in both or neither", () => {
    for (const rule of STATUS_RULES) {
      expect(rule.en.explanation.trim().length, rule.key).toBeGreaterThan(20);
      expect(rule.es.explanation.trim().length, rule.key).toBeGreaterThan(20);
      expect(rule.es.explanation, rule.key).not.toBe(rule.en.explanation);
      expect(Boolean(rule.en.nextStep), rule.key).toBe(Boolean(rule.es.nextStep));
      if (rule.en.nextStep) expect(rule.es.nextStep, rule.key).not.toBe(rule.en.nextStep);
    }
  });

  it("addresses people as usted and makes no promises about timing", () => {
    for (const rule of STATUS_RULES) {
      const es = `${rule.es.explanation} ${rule.es.nextStep ?? ""}`;
      expect(es, rule.key).not.toMatch(/(?<!\p{L})(tú|tu|tus|te|puedes|debes|tienes|eres|estás)(?!\p{L})/iu);
      const en = `${rule.en.explanation} ${rule.en.nextStep ?? ""}`;
      expect(en, rule.key).not.toMatch(/\bwithin \d+|\b\d+ (days|weeks|months)\b|\bguarantee|\bwill be approved\b/i);
    }
  });
});

describe("explainStatus", () => {
  it("explains an RFE in both languages", () => {
    expect(explainStatus("Request for Additional Evidence Was Sent", "en")).toEqual({
      category: "rfe",
      key: "rfe-sent",
      label: "Request for evidence",
      explanation: "USCIS needs more documents before it can decide. The notice lists what to send and the deadline.",
      nextStep: "Your legal team will help you answer by the deadline on the notice.",
    });
    const es = explainStatus("Request for Additional Evidence Was Sent", "es");
    expect(es.label).toBe("Solicitud de evidencia");
    expect(es.explanation).toMatch(/más documentos/);
    expect(es.nextStep).toMatch(/fecha límite/);
  });

  it("gives finer explanations than the category", () => {
    const sent = explainStatus("Request for Additional Evidence Was Sent", "en");
    const answered = explainStatus("Response To USCIS' Request For Evidence Was Received", "en");
    expect(answered.category).toBe(sent.category);
    expect(answered.explanation).not.toBe(sent.explanation);
  });

  it("leaves nextStep out when a rule has none", () => {
    expect(explainStatus("Expedite Request Received", "en")).not.toHaveProperty("nextStep");
  });

  it("says honestly when it cannot explain a title", () => {
    const explained = explainStatus("Something USCIS has never said", "es");
    expect(explained).toMatchObject({ category: "other", key: "unrecognised", label: "Novedad" });
    expect(explained.explanation).toMatch(/texto exacto de USCIS/);
  });
});

describe("categoryLabel", () => {
  it("labels every category in both languages, each label distinct", () => {
    for (const lang of ["en", "es"] as const) {
      const labels = STATUS_CATEGORIES.map((category) => categoryLabel(category, lang));
      expect(labels.every((label) => label.length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(categoryLabel("card-produced", "es")).toBe("Tarjeta o documento");
  });
});

describe("isSignificantChange", () => {
  it("ignores rewording within the same rule", () => {
    expect(isSignificantChange("Case Was Received", "Case Was Received And A Receipt Notice Was Sent")).toBe(false);
    expect(isSignificantChange("Case Was Approved", "CASE WAS APPROVED")).toBe(false);
    expect(isSignificantChange("Response To USCIS' Request For Evidence Was Received", "Response To USCIS’ Request For Evidence Was Received")).toBe(false);
  });

  it("reports a new rule within the same category", () => {
    expect(isSignificantChange("Interview Was Scheduled", "Interview Was Rescheduled")).toBe(true);
    expect(isSignificantChange("Request for Additional Evidence Was Sent", "Response To USCIS' Request For Evidence Was Received")).toBe(true);
  });

  it("reports a new category", () => {
    expect(isSignificantChange("Case Was Received", "Case Was Approved")).toBe(true);
    expect(isSignificantChange("Case Was Approved", "Card Was Mailed To Me")).toBe(true);
  });
});
