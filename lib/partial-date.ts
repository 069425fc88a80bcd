/**
 * Pack dates are partial ISO dates ("2025-02-12", "2025-02", "2025"); this writes them the way the
 * card and the popup show them. Parsing them is the schema's job.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Writes a pack date ("2025-02-12", "2025-02", "2025") as "12 Feb 2025", "Feb 2025" or "2025"; anything else is returned as it is. */
export function formatPartialDate(date: string): string {
  // Done by hand rather than with Date or Intl: a date-only string parsed by Date is UTC midnight,
  // which shows as the day before in the Americas, and the card's words are English anyway.
  const parts = PARTIAL_DATE.exec(date);
  if (!parts) return date;
  const [, year, month, day] = parts;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (month && !monthName) return date;
  return [day && String(Number(day)), monthName, year].filter(Boolean).join(' ');
}

