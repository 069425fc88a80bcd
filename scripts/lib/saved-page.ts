// Reads a saved HTML page the way the extension sees it: linkedom's DOM, the extension's own text
// extraction and page date (lib/page-scan.ts), shared by the scan CLI and the fitting script.
import { parseHTML } from 'linkedom';

/**
 * linkedom makes the first element of a fragment with no <html> its document element and drops
 * the elements after it, so a saved fragment ("<p>…</p><p>…</p>") is parsed as the body of a page.
 */
export function parseSavedPage(html: string): Document {
  const whole = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(whole).document as unknown as Document;
}
