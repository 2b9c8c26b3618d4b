/**
 * A readable PDF of a questionnaire's answers for the legal team: every visible question in template order,
 * repeatable groups row by row, with the stable key beside each answer so it can be matched to form filling.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { wrapText } from "~/pdf/text";
import { embedUnicodeFonts } from "~/pdf/unicode-font.server";
import { isVisible } from "~/questionnaires/engine";
import { formatAnswer } from "~/questionnaires/format";
import { t } from "~/questionnaires/ui-text";
import type { Answers, AnswerValue, Language, Question, QuestionnaireTemplate } from "~/questionnaires/template-types";

export type SummaryInput = {
  template: QuestionnaireTemplate;
  answers: Answers;
  language: Language;
  caseReference: string;
  applicantName: string;
  status: "IN_PROGRESS" | "SUBMITTED" | "CHANGES_REQUESTED";
  submittedAt: Date | null;
  generatedAt?: Date;
};

const PAGE = { width: 612, height: 792, margin: 54 }; // US Letter, 0.75 in margins
const GREY = rgb(0.4, 0.4, 0.4);
const INK = rgb(0.1, 0.1, 0.1);

const TEXT = {
  answers: { en: "Questionnaire answers", es: "Respuestas del cuestionario" },
  case: { en: "Case", es: "Caso" },
  client: { en: "Client", es: "Cliente" },
  status: { en: "Status", es: "Estado" },
  submitted: { en: "Submitted", es: "Enviado" },
  notSubmitted: { en: "not yet submitted", es: "aún no enviado" },
  generated: { en: "Generated", es: "Generado" },
  template: { en: "Template", es: "Plantilla" },
  row: { en: "Entry", es: "Entrada" },
  none: { en: "No entries", es: "Sin entradas" },
  footer: { en: "Confidential: contains personal data", es: "Confidencial: contiene datos personales" },
  page: { en: "Page", es: "Página" },
  of: { en: "of", es: "de" },
} as const;

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: { regular: PDFFont; bold: PDFFont },
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Writes wrapped text; `keepWith` reserves room for what must follow on the same page (a label's answer). */
  text(text: string, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number; gapAfter?: number; keepWith?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    const leading = size * 1.35;
    const lines = wrapText(text, font, size, PAGE.width - 2 * PAGE.margin - indent);
    if (this.y - leading * Math.min(lines.length, 2) - (options.keepWith ?? 0) < PAGE.margin + 20) this.newPage();
    for (const line of lines) {
      if (this.y - leading < PAGE.margin + 20) this.newPage();
      this.y -= leading;
      this.page.drawText(line, { x: PAGE.margin + indent, y: this.y, size, font, color: options.color ?? INK });
    }
    this.y -= options.gapAfter ?? 0;
  }

  rule() {
    this.y -= 6;
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 0.5, color: GREY });
    this.y -= 6;
  }
}

function writeQuestion(w: Writer, question: Question, value: AnswerValue | undefined, language: Language, indent: number) {
  w.text(question.label[language], { bold: true, size: 9.5, indent, keepWith: 14 });
  if (question.type === "group") {
    const rows = Array.isArray(value) ? value : [];
    if (rows.length === 0) w.text(TEXT.none[language], { indent: indent + 12, color: GREY, gapAfter: 2 });
    rows.forEach((row, i) => {
      w.text(`${TEXT.row[language]} ${i + 1}`, { size: 9, indent: indent + 12, color: GREY, keepWith: 14 });
      for (const sub of question.questions) {
        if (!isVisible(sub, row)) continue;
        w.text(`${sub.label[language]}: ${formatAnswer(sub, row[sub.key] as AnswerValue | undefined, language)}`, { indent: indent + 24, size: 9.5 });
      }
    });
  } else {
    w.text(formatAnswer(question, value, language), { indent: indent + 12 });
  }
  w.text(question.key, { size: 7, indent: indent + 12, color: GREY, gapAfter: 5 });
}

function formatDate(date: Date, language: Language) {
  return new Intl.DateTimeFormat(language === "es" ? "es-US" : "en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC";
}

export async function renderAnswersPdf(input: SummaryInput): Promise<Uint8Array> {
  const { template, answers, language } = input;
  const pdf = await PDFDocument.create();
  const title = `${template.title[language]}: ${TEXT.answers[language]}`;
  pdf.setTitle(`${input.caseReference} · ${title}`);
  pdf.setProducer("Passage");
  pdf.setCreator("Passage");
  pdf.setLanguage(language === "es" ? "es-US" : "en-US");
  const w = new Writer(pdf, await embedUnicodeFonts(pdf));

  w.text(title, { size: 16, bold: true, gapAfter: 4 });
  const meta: [string, string][] = [
    [TEXT.case[language], input.caseReference],
    [TEXT.client[language], input.applicantName],
    [TEXT.status[language], t(input.status, language)],
    [TEXT.submitted[language], input.submittedAt ? formatDate(input.submittedAt, language) : TEXT.notSubmitted[language]],
    [TEXT.template[language], `${template.id} v${template.version}`],
    [TEXT.generated[language], formatDate(input.generatedAt ?? new Date(), language)],
  ];
  for (const [label, value] of meta) w.text(`${label}: ${value}`, { size: 9.5 });
  w.rule();

  for (const section of template.sections) {
    const visible = section.questions.filter((q) => isVisible(q, answers));
    if (visible.length === 0) continue;
    w.text(section.title[language], { size: 12.5, bold: true, gapAfter: 4, keepWith: 30 });
    for (const question of visible) writeQuestion(w, question, answers[question.key], language, 0);
    w.rule();
  }

  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const footer = `${TEXT.footer[language]} · ${input.caseReference} · ${TEXT.page[language]} ${i + 1} ${TEXT.of[language]} ${total}`;
    page.drawText(footer, { x: PAGE.margin, y: PAGE.margin - 20, size: 7.5, font: w.fonts.regular, color: GREY });
  });
  return pdf.save();
}
