/**
 * Pack dates are partial ISO dates ("2025-02-12", "2025-02", "2025"); this writes them, and the
 * moments Claimlight records (an import, a dismissal), the one way every screen shows a date: with
 * `Intl.DateTimeFormat` in the browser's locale, the month as a short word so that no reader
 * mistakes 12/2 for 2/12. Parsing them is the schema's job.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

// A pack's date is a calendar day, not a moment: written in UTC, so that "2025-02-12" is 12
// February in the Americas too (a date-only string parsed by Date is UTC midnight).
const DAY = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
const MONTH = { month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
// A moment Claimlight recorded is written as the day it fell on where the reader is.
const { timeZone: _, ...LOCAL_DAY } = DAY;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** UTC midnight of a day; a day or month past its end rolls over ("month 13" is next January).
 * Not `Date.UTC`, which reads the years 0 to 99 as 1900 to 1999. */
export function utc(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** Writes a pack date ("2025-02-12", "2025-02", "2025") as the locale writes a day, a month or a
 * year ("12 Feb 2025", "Feb 2025", "2025" in British English); anything else as it is. `locale`
 * defaults to the browser's. */
export function formatPartialDate(date: string, locale?: string): string {
  const parts = PARTIAL_DATE.exec(date);
  if (!parts) return date;
  const [, year, month, day] = parts;
  if (!month) return year!;
  const m = Number(month);
  if (m < 1 || m > 12) return date;
  const at = utc(Number(year), m, day ? Number(day) : 1);
  if (day && new Date(at).getUTCDate() !== Number(day)) return date;
  return formatter(locale, day ? DAY : MONTH).format(at);
}

/** Writes a moment (an ISO timestamp) as the day it fell on where the reader is, the same way as
 * `formatPartialDate`; anything unreadable as it is. */
export function formatMoment(iso: string, locale?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return formatter(locale, LOCAL_DAY).format(time);
}

/** Writes a span of calendar days ("2025-02-12" to "2025-02-14") as the locale writes one
 * ("12–14 Feb 2025" in British English). */
export function formatDayRange(from: string, to: string, locale?: string): string {
  const [a, b] = [from, to].map((day) => Date.parse(`${day}T00:00:00Z`));
  if (Number.isNaN(a) || Number.isNaN(b)) return `${formatPartialDate(from, locale)} to ${formatPartialDate(to, locale)}`;
  return formatter(locale, DAY).formatRange(a!, b!);
}

/** Writes a moment (ms since the epoch) with its time of day, where the reader is ("3 Dec 2026,
 * 14:05" in British English), for what happened today or yesterday, such as a feed's last check. */
export function formatMomentWithTime(time: number, locale?: string): string {
  return formatter(locale, { ...LOCAL_DAY, hour: '2-digit', minute: '2-digit' }).format(time);
}
