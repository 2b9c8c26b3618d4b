/**
 * iCalendar output (app/tasks/ics.ts): read back by a real parser (ical.js) and checked byte by byte for line
 * ends, folding and escaping.
 */
import ICAL from "ical.js";
import fc from "fast-check";
import { buildCalendar, escapeText, foldLine, taskComponent, tasksCalendar, type CalendarItem } from "~/tasks/ics";

const APP_URL = "https://portal.example.com";
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const item = (overrides: Partial<CalendarItem> = {}): CalendarItem => ({
  id: "ctask123",
  caseId: "ccase456",
  kind: "RFE_RESPONSE",
  dueDay: new Date("2027-06-10T00:00:00Z"),
  dueAt: null,
  status: "OPEN",
  completedAt: null,
  sequence: 0,
  createdAt: new Date("2027-03-16T09:00:00Z"),
  updatedAt: new Date("2027-03-16T09:30:15.123Z"),
  case: { reference: "PSG-2027-ABC234" },
  ...overrides,
});

/** Splits the raw text into physical lines, insisting every one ends with CRLF. */
function physicalLines(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.slice(0, -2).split("\r\n");
  for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  return lines;
}

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

describe("escaping TEXT values", () => {
  it("escapes backslash, semicolon, comma and line breaks, and drops other control characters", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(escapeText("tab\tok\u0000\u0007bell")).toBe("tab\tokbell");
    expect(escapeText("colon: stays")).toBe("colon: stays");
  });

  it("round-trips any text through a real parser", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const clean = text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");
        const calendar = buildCalendar({ name: "Test", components: [{ type: "VEVENT", properties: [["UID", "x@y"], ["DTSTAMP", "20270101T000000Z"], ["DTSTART;VALUE=DATE", "20270101"], ["SUMMARY", escapeText(clean)]] }] });
        const summary = parse(calendar).getFirstSubcomponent("vevent")!.getFirstPropertyValue("summary");
        expect(summary ?? "").toBe(clean);
      }),
      { numRuns: 300 },
    );
  });
});

describe("folding", () => {
  it("leaves lines of 75 octets alone and folds longer ones into lines of at most 75 octets", () => {
    const exact = `SUMMARY:${"x".repeat(67)}`;
    expect(Buffer.byteLength(exact)).toBe(75);
    expect(foldLine(exact)).toBe(exact);
    const long = `SUMMARY:${"y".repeat(200)}`;
    const folded = foldLine(long);
    const parts = folded.split("\r\n");
    expect(parts.length).toBe(3);
    expect(Buffer.byteLength(parts[0]!)).toBe(75);
    for (const part of parts.slice(1)) {
      expect(part.startsWith(" ")).toBe(true);
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    }
    expect(unfold(folded)).toBe(long);
  });

  it("never cuts a multi-byte UTF-8 character in two", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 400 }), fc.integer({ min: 0, max: 8 }), (text, pad) => {
        const line = `SUMMARY:${"a".repeat(pad)}${text}`;
        const folded = foldLine(line);
        for (const part of folded.split("\r\n")) {
          const bytes = Buffer.from(part, "utf8");
          expect(bytes.length).toBeLessThanOrEqual(75);
          // Each physical line is valid UTF-8 on its own: a strict decoder would throw on half a character.
          expect(strictUtf8.decode(bytes)).toBe(part);
        }
        expect(unfold(folded)).toBe(line);
      }),
      { numRuns: 500 },
    );
  });

  it("folds before a 4-byte character that would straddle octet 75", () => {
    const line = `SUMMARY:${"a".repeat(65)}📅📅📅`;
    // 8 + 65 = 73 octets, then a 4-byte emoji would end at 77: it moves to the next line.
    const [first, second] = foldLine(line).split("\r\n");
    expect(Buffer.byteLength(first!)).toBe(73);
    expect(second).toBe(" 📅📅📅");
  });
});

describe("task calendars", () => {
  it("writes all-day deadlines as DATE events ending the next day, with stable UID, DTSTAMP and SEQUENCE", () => {
    const text = tasksCalendar([item({ sequence: 3 })], { name: "Passage deadlines", appUrl: APP_URL });
    const lines = physicalLines(text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("DTSTART;VALUE=DATE:20270610");
    expect(lines).toContain("DTEND;VALUE=DATE:20270611");
    expect(lines).toContain("DTSTAMP:20270316T093015Z");
    expect(lines).toContain("UID:task-ctask123@portal.example.com");

    const event = parse(text).getFirstSubcomponent("vevent")!;
    const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
    const end = event.getFirstPropertyValue("dtend") as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe("2027-06-10");
    expect(end.toString()).toBe("2027-06-11");
    expect(event.getFirstPropertyValue("sequence")).toBe(3);
    expect(event.getFirstPropertyValue("summary")).toBe("RFE response due · PSG-2027-ABC234");
    expect(event.getFirstPropertyValue("url")).toBe(`${APP_URL}/cases/ccase456/tasks`);
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    // The same item gives the same bytes: a calendar app sees no change until there is one.
    expect(tasksCalendar([item({ sequence: 3 })], { name: "Passage deadlines", appUrl: APP_URL })).toBe(text);
  });

  it("writes timed appointments in UTC with an hour's length, and timed deadlines as a moment", () => {
    const dueAt = new Date("2027-03-14T13:30:00Z");
    const text = tasksCalendar(
      [item({ id: "appt", kind: "BIOMETRICS", dueDay: new Date("2027-03-14T00:00:00Z"), dueAt }), item({ id: "filing", kind: "FILING_DEADLINE", dueAt })],
      { name: "x", appUrl: APP_URL },
    );
    const lines = physicalLines(text);
    expect(lines).toContain("DTSTART:20270314T133000Z");
    expect(lines).toContain("DTEND:20270314T143000Z");
    const [appointment, deadline] = parse(text).getAllSubcomponents("vevent");
    const start = appointment!.getFirstPropertyValue("dtstart") as ICAL.Time;
    expect(start.isDate).toBe(false);
    expect(start.zone?.tzid).toBe("UTC");
    expect(start.toJSDate().toISOString()).toBe(dueAt.toISOString());
    expect(appointment!.getFirstPropertyValue("transp")).toBe("OPAQUE");
    expect(deadline!.hasProperty("dtend")).toBe(false);
    expect(deadline!.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
  });

  it("writes to-dos as VTODO with DUE, and done ones with STATUS:COMPLETED and COMPLETED", () => {
    const completedAt = new Date("2027-06-01T15:04:05Z");
    const text = tasksCalendar(
      [item({ id: "open", kind: "TASK" }), item({ id: "done", kind: "TASK", status: "DONE", completedAt, sequence: 1 }), item({ id: "donedeadline", status: "DONE" })],
      { name: "x", appUrl: APP_URL },
    );
    const calendar = parse(text);
    const [open, done] = calendar.getAllSubcomponents("vtodo");
    expect((open!.getFirstPropertyValue("due") as ICAL.Time).toString()).toBe("2027-06-10");
    expect(open!.getFirstPropertyValue("status")).toBe("NEEDS-ACTION");
    expect(open!.hasProperty("completed")).toBe(false);
    expect(done!.getFirstPropertyValue("status")).toBe("COMPLETED");
    expect((done!.getFirstPropertyValue("completed") as ICAL.Time).toJSDate().toISOString()).toBe(completedAt.toISOString());
    expect(done!.getFirstPropertyValue("percent-complete")).toBe(100);
    // VEVENT has no completed status: a done deadline says so in its summary.
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("summary")).toBe("Done: RFE response due · PSG-2027-ABC234");
    expect(physicalLines(text)).toContain("COMPLETED:20270601T150405Z");
  });

  it("writes Spanish summaries folded at 75 octets and escapes calendar names", () => {
    const text = tasksCalendar([item({ kind: "FILING_DEADLINE", case: { reference: "PSG-2027-ÉÑÜ234" } })], {
      name: "Plazos, fechas; y\\más\nlíneas",
      appUrl: APP_URL,
      lang: "es",
    });
    const lines = physicalLines(text);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines).toContain("X-WR-CALNAME:Plazos\\, fechas\\; y\\\\más\\nlíneas");
    const calendar = parse(text);
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("summary")).toBe("Fecha límite de presentación · PSG-2027-ÉÑÜ234");
  });

  it("never puts anything but the kind and the case reference into a summary", () => {
    const component = taskComponent(item(), { appUrl: APP_URL });
    const names = component.properties.map(([name]) => name.split(";")[0]);
    expect(names).not.toContain("DESCRIPTION");
    expect(names).not.toContain("LOCATION");
    expect(names).not.toContain("ATTENDEE");
  });
});
