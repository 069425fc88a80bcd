/**
 * A newsroom's spreadsheet of fact-checks, saved as CSV, read as schema.org ClaimReview: one row per
 * review, under a header row that names the columns (in any order and case). Each row becomes the
 * ClaimReview it describes, and the ClaimReview importer does the rest, so a CSV is checked by the
 * same rules as every other file. Used by `npm run pack`.
 */
import Papa from 'papaparse';
import { err, ok, type Result } from './result';

/** The columns read, by the names a header may give them. */
const COLUMNS = {
  claim: ['claim', 'claimreviewed', 'claim reviewed'],
  rating: ['rating', 'verdict', 'textualrating', 'textual rating'],
  summary: ['summary', 'reviewbody', 'review body', 'explanation'],
  url: ['url', 'review url', 'link'],
  publisher: ['publisher', 'fact-checker', 'factchecker', 'outlet'],
  date: ['date', 'datepublished', 'review date'],
  claimant: ['claimant', 'said by', 'author'],
  claimDate: ['claimdate', 'claim date'],
} as const;
type Column = keyof typeof COLUMNS;

/** What a CSV's rows are read as, beside their cells. */
export interface CsvOptions {
  /** Who checked the rows that name no publisher of their own (`npm run pack -- --publisher`). */
  publisher?: string;
}

/** The delimiters a spreadsheet writes CSV with: the comma; the semicolon of European spreadsheets,
 * whose decimal comma the comma would split; a tab; a bar. */
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * A CSV's delimiter: the one whose split of the header row names the claim and rating columns, or
 * else the one the parser tells by the rows that hold something. The parser alone took the comma
 * for a semicolon file whose summaries hold decimal commas ("8,5 %"), which give more cells a row.
 */
function delimiterOf(body: string): string {
  for (const delimiter of DELIMITERS) {
    const header = Papa.parse<string[]>(body, { delimiter, preview: 1, skipEmptyLines: 'greedy' }).data[0] ?? [];
    const names = new Set(header.map((name) => name.trim().toLowerCase()));
    if (COLUMNS.claim.some((name) => names.has(name)) && COLUMNS.rating.some((name) => names.has(name))) return delimiter;
  }
  return Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 20 }).meta.delimiter;
}

/** The ClaimReview nodes a CSV describes, with the spreadsheet row of each (its header row 1), or
 * every problem, each naming its row and column. */
export function claimReviewsFromCsv(text: string, options: CsvOptions = {}): Result<Record<string, unknown>[], string[]> & { rows?: number[] } {
  // Blank rows are left out here, not by the parser, so that each row keeps its number: a problem
  // named "row 3" after a blank row pointed at the blank one.
  // Excel's "sep=;" first line names the delimiter, and is not a row (Excel does not show it).
  let body = text.replace(/^\uFEFF/, '');
  const named = /^sep=(.)\r?\n/i.exec(body);
  if (named) body = body.slice(named[0].length);
  const parsed = Papa.parse<string[]>(body, { delimiter: named?.[1] ?? delimiterOf(body) });
  const problems = parsed.errors.map((e) => `row ${(e.row ?? 0) + 1}: ${e.message}`);
  const numbered = parsed.data.map((cells, i) => ({ cells, row: i + 1 })).filter(({ cells }) => cells.some((value) => value.trim() !== ''));
  const header = numbered[0]?.cells;
  const rows = numbered.slice(1).map(({ cells }) => cells);
  if (!header) return err(['The CSV file is empty: it needs a header row (claim, rating, …) and a row per fact-check.']);
  const at = new Map<Column, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) if (names.includes(key) && !at.has(column)) at.set(column, i);
  });
  for (const required of ['claim', 'rating'] as const) {
    if (!at.has(required)) problems.push(`header: no "${required}" column (the header names ${header.map((h) => `"${h.trim()}"`).join(', ')})`);
  }
  if (problems.length) return err(problems);
  const cell = (row: string[], column: Column) => {
    const i = at.get(column);
    const value = i === undefined ? '' : (row[i] ?? '').trim();
    return value || undefined;
  };
  const reviews = rows.map((row) => {
    const [summary, url, date, publisher, claimant, claimDate] = (['summary', 'url', 'date', 'publisher', 'claimant', 'claimDate'] as const).map((column) => cell(row, column));
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: cell(row, 'claim'),
      reviewRating: { '@type': 'Rating', alternateName: cell(row, 'rating') },
      ...(summary ? { reviewBody: summary } : {}),
      ...(url ? { url } : {}),
      ...(date ? { datePublished: date } : {}),
      ...(publisher || options.publisher ? { author: { '@type': 'Organization', name: publisher ?? options.publisher } } : {}),
      ...(claimant || claimDate ? { itemReviewed: { '@type': 'Claim', ...(claimant ? { author: { '@type': 'Person', name: claimant } } : {}), ...(claimDate ? { datePublished: claimDate } : {}) } } : {}),
    };
  });
  if (!reviews.length) return err(['The CSV file has a header row but no fact-checks under it.']);
  return { ...ok(reviews), rows: numbered.slice(1).map(({ row }) => row) };
}
