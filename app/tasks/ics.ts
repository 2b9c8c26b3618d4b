/**
 * iCalendar (RFC 5545) output for deadlines: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
 * character, TEXT values escaped, times in UTC.
 *
 * Deadlines and appointments are VEVENTs, so every calendar app shows them on their day (all-day ones as DATE
 * values ending the next day). To-dos are VTODOs with DUE, STATUS and COMPLETED; VEVENT has no "completed"
 * status, so a done deadline stays an event whose summary starts with "Done". The content is deliberately thin:
 * calendar providers keep a copy, so an item says only its kind and the firm's case reference, never a name, a
 * title, notes or an A-number. UIDs are stable, DTSTAMP is the item's last change, SEQUENCE counts edits.
 */
import type { TaskKind, TaskStatus } from "~/generated/prisma/enums";
import { isAppointment, isToDo, TASK_KIND_LABELS } from "~/tasks/kinds";
import { addDays } from "~/tasks/time-zones";

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks; other control characters dropped. */
export function escapeText(text: string) {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Folds one content line (RFC 5545 3.1): at most 75 octets per physical line, continuations start with a space. */
export function foldLine(line: string) {
  const bytes = encoder.encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Never cut inside a UTF-8 sequence: back off over continuation bytes (10xxxxxx).
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(decoder.decode(bytes.subarray(start, end)));
    start = end;
    // The leading space of a continuation line counts towards its 75 octets.
    limit = 74;
  }
  return parts.join("\r\n ");
}

type Property = [name: string, value: string];

export type IcsComponent = { type: "VEVENT" | "VTODO"; properties: Property[] };

/** yyyymmddThhmmssZ */
export const utcStamp = (date: Date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** yyyymmdd */
const dateValue = (day: string) => day.replace(/-/g, "");

export function buildCalendar({ name, components }: { name: string; components: IcsComponent[] }) {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Passage//Deadlines//EN",
    "CALSCALE:GREGORIAN",
    `NAME:${escapeText(name)}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    // How often a subscribed calendar should look again (RFC 7986, and the older Microsoft name).
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ];
  for (const component of components) {
    lines.push(`BEGIN:${component.type}`);
    for (const [property, value] of component.properties) lines.push(`${property}:${value}`);
    lines.push(`END:${component.type}`);
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

export type CalendarItem = {
  id: string;
  caseId: string;
  kind: TaskKind;
  dueDay: Date;
  dueAt: Date | null;
  status: TaskStatus;
  completedAt: Date | null;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  case: { reference: string };
};

const DONE_PREFIX = { en: "Done", es: "Hecho" } as const;

/** One item as a VEVENT (deadline, appointment) or VTODO (to-do). */
export function taskComponent(item: CalendarItem, options: { appUrl: string; lang?: "en" | "es" }): IcsComponent {
  const lang = options.lang ?? "en";
  const host = new URL(options.appUrl).hostname;
  const day = item.dueDay.toISOString().slice(0, 10);
  const summary = `${TASK_KIND_LABELS[item.kind][lang]} · ${item.case.reference}`;
  const common: Property[] = [
    ["UID", `task-${item.id}@${host}`],
    ["DTSTAMP", utcStamp(item.updatedAt)],
    ["CREATED", utcStamp(item.createdAt)],
    ["LAST-MODIFIED", utcStamp(item.updatedAt)],
    ["SEQUENCE", String(item.sequence)],
  ];
  const url: Property = ["URL", new URL(`/cases/${item.caseId}/tasks`, options.appUrl).toString()];

  if (isToDo(item.kind)) {
    const done = item.status === "DONE";
    return {
      type: "VTODO",
      properties: [
        ...common,
        item.dueAt ? ["DUE", utcStamp(item.dueAt)] : ["DUE;VALUE=DATE", dateValue(day)],
        ["SUMMARY", escapeText(summary)],
        url,
        ["STATUS", done ? "COMPLETED" : "NEEDS-ACTION"],
        ...(done && item.completedAt ? ([["COMPLETED", utcStamp(item.completedAt)], ["PERCENT-COMPLETE", "100"]] satisfies Property[]) : []),
      ],
    };
  }

  const when: Property[] = item.dueAt
    ? [
        ["DTSTART", utcStamp(item.dueAt)],
        // An appointment blocks an hour; a deadline is a moment (no DTEND: it ends when it starts).
        ...(isAppointment(item.kind) ? ([["DTEND", utcStamp(new Date(item.dueAt.getTime() + 3_600_000))]] satisfies Property[]) : []),
      ]
    : [
        ["DTSTART;VALUE=DATE", dateValue(day)],
        ["DTEND;VALUE=DATE", dateValue(addDays(day, 1))],
      ];
  return {
    type: "VEVENT",
    properties: [
      ...common,
      ...when,
      ["SUMMARY", escapeText(item.status === "DONE" ? `${DONE_PREFIX[lang]}: ${summary}` : summary)],
      url,
      ["STATUS", "CONFIRMED"],
      ["TRANSP", item.dueAt && isAppointment(item.kind) ? "OPAQUE" : "TRANSPARENT"],
    ],
  };
}

export function tasksCalendar(items: CalendarItem[], options: { name: string; appUrl: string; lang?: "en" | "es" }) {
  return buildCalendar({ name: options.name, components: items.map((item) => taskComponent(item, options)) });
}
