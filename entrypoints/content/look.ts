/**
 * Applies the reader's look of marks (underline or tint, colours, high contrast) to the page: one
 * constructed stylesheet, adopted by the document, whose rules come after the defaults shipped in
 * highlights.css. Works for painted highlights and for wrapped marks alike. With the default look
 * nothing is adopted: highlights.css already draws it, page script cannot read it there (it can
 * read `document.adoptedStyleSheets`), and adopting a sheet restyles the whole document, which
 * stalled a page of a million nodes for two seconds.
 */
import { markStyleSheet, type MarkSettings } from '@/lib/mark-style';
import { DEFAULT_SETTINGS } from '@/lib/settings';

const DEFAULT_RULES = markStyleSheet(DEFAULT_SETTINGS);

/** Keeps one adopted stylesheet in step with the settings. */
export class MarkLookSheet {
  private sheet: CSSStyleSheet | null = null;
  /** The rules the sheet holds, so a refresh with unchanged settings restyles nothing. */
  private rules = '';

  constructor(private readonly document: Document) {}

  /** Writes the rules for these settings and makes sure the page still has the sheet adopted. */
  apply(settings: MarkSettings): void {
    if (typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in this.document)) return;
    const rules = markStyleSheet(settings);
    if (rules === DEFAULT_RULES) {
      this.remove();
      return;
    }
    if (!this.sheet) this.sheet = new CSSStyleSheet();
    if (rules !== this.rules) {
      this.sheet.replaceSync(rules);
      this.rules = rules;
    }
    // A page may replace its adopted sheets wholesale (frameworks do): add ours back if it went.
    if (!this.document.adoptedStyleSheets.includes(this.sheet)) this.document.adoptedStyleSheets = [...this.document.adoptedStyleSheets, this.sheet];
  }

  /** Takes the sheet off the page. */
  remove(): void {
    if (!this.sheet) return;
    const sheet = this.sheet;
    if (this.document.adoptedStyleSheets.includes(sheet)) this.document.adoptedStyleSheets = this.document.adoptedStyleSheets.filter((s) => s !== sheet);
  }
}
