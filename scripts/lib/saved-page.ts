// Reads a saved HTML page the way the extension sees it: linkedom's DOM, the extension's own text
// extraction and page date (lib/page-scan.ts), shared by the scan CLI and the fitting script.
import { parseHTML } from 'linkedom';
import { decodeAs, declaredEncoding, escapeEncoded, mostlyUtf8, strictUtf8 } from '../../lib/text-files';

export { decodeTextFile } from '../../lib/text-files';

/**
 * linkedom makes the first element of a fragment with no <html> its document element and drops
 * the elements after it, so a saved fragment ("<p>…</p><p>…</p>") is parsed as the body of a page.
 */
export function parseSavedPage(html: string): Document {
  // A page, not a fragment, when it starts with <html> (after a doctype, an XML declaration or
  // comments): "<html" inside a fragment's comment or script made it lose all but its first element.
  // Each comment is matched to its own end only ("(?:(?!-->)…)*", not a lazy run that may reach a
  // later "-->"), or a fragment of many comments, as block editors save them, took exponential time.
  const whole = /^\s*(?:<!--(?:(?!-->)[\s\S])*-->\s*|<!doctype[^>]*>\s*|<\?xml[^>]*>\s*)*<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const document = parseHTML(whole).document as unknown as Document;
  lowerCaseAttributeNames(document);
  hideFoldedDetails(document);
  return document;
}

/**
 * Hides what a closed <details> folds away, its summary aside, as a browser draws it: the
 * extension marks a mention there only once the reader opens it, and the scan, which has no
 * reader, marked it at once.
 */
function hideFoldedDetails(document: Document): void {
  for (const details of document.querySelectorAll('details:not([open])')) {
    const summary = [...details.children].find((child) => child.localName === 'summary');
    for (const node of [...details.childNodes]) {
      if (node === summary) continue;
      if (node.nodeType === 1) (node as Element).setAttribute('hidden', '');
      // Text loose in it goes too: it has no element to hide.
      else if (node.nodeType === 3) node.remove();
    }
  }
}

/**
 * Writes the attribute names of a page's HTML elements in small letters, as browsers read them:
 * linkedom keeps them as written, so "<P HIDDEN>", "<META NAME=date>" and React's "dateTime" and
 * "contentEditable" went unread, and the scan marked text the extension leaves out and missed the
 * page's date. SVG and MathML keep theirs ("viewBox"), as in a browser.
 */
function lowerCaseAttributeNames(document: Document): void {
  for (const element of document.querySelectorAll('*')) {
    const names = element.getAttributeNames().filter((name) => name !== name.toLowerCase());
    if (!names.length || element.closest('svg, math')) continue;
    for (const name of names) {
      const value = element.getAttribute(name)!;
      element.removeAttribute(name);
      if (!element.hasAttribute(name.toLowerCase())) element.setAttribute(name.toLowerCase(), value);
    }
  }
}

/**
 * A saved page's text: by its byte-order mark; else as UTF-8 where the bytes are UTF-8 (a page saved
 * again as UTF-8 often keeps the <meta charset> of the site it came from); else in the encoding it
 * declares ("windows-1252" pages of older sites), or windows-1252, the web's fallback. Throws, with
 * a sentence, for an encoding the platform does not know or for binary data.
 */
export function decodePage(bytes: Uint8Array): string {
  const declared = declaredEncoding(bytes);
  let text: string | null = escapeEncoded(bytes, () => declared) ? decodeAs(bytes, 'iso-2022-jp') : null;
  if (text === null && !declared?.startsWith('utf-16')) text = strictUtf8(bytes);
  // Declared UTF-8 (or declaring nothing, and written in UTF-8 but for a stray byte): read as a
  // browser reads it, each stray byte a replacement character, not the whole page as windows-1252.
  if (text === null && (declared === 'utf-8' || declared === 'utf8')) text = new TextDecoder('utf-8').decode(bytes);
  if (text === null && !declared) text = mostlyUtf8(bytes)?.text ?? null;
  if (text === null) {
    const encoding = declared && declared !== 'utf-8' && declared !== 'utf8' ? declared : 'windows-1252';
    try {
      text = decodeAs(bytes, encoding);
    } catch {
      throw new Error(`the page says it is in "${encoding}", an encoding this scan cannot read; save it as UTF-8`);
    }
  }
  if (text.includes('\u0000')) throw new Error('not an HTML file (it holds binary data)');
  return text;
}
