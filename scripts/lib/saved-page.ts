// Reads a saved HTML page the way the extension sees it: linkedom's DOM, the extension's own text
// extraction and page date (lib/page-scan.ts), shared by the scan CLI and the fitting script.
import { parseHTML } from 'linkedom';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { decodeAs, declaredEncoding, escapeEncoded, mostlyUtf8, strictUtf8 } from '../../lib/text-files';

export { decodeTextFile } from '../../lib/text-files';

/**
 * A saved page or fragment as a browser's DOM. linkedom's own parser (htmlparser2) does not build
 * the tree a browser builds from markup that is not nested as written: text between a table's rows
 * stayed in the table, where a browser moves it before the table (out of a hidden one, say);
 * misnested inline tags were not mended; the first element of a fragment became the document
 * element and the rest were dropped; attribute names kept their capitals ("<P HIDDEN>", React's
 * "dateTime"), and went unread. The HTML standard's parser (parse5) builds the browser's tree,
 * which is copied into linkedom's DOM for the extension's own reading of it.
 */
export function parseSavedPage(html: string): Document {
  const document = domOf(parse(html));
  hideFoldedDetails(document);
  return document;
}

type Parsed = DefaultTreeAdapterMap;

/**
 * parse5's tree as a linkedom document, copied node by node with a stack of its own: parse5's
 * serializer (and any copy that calls itself for each level) ran out of stack on a page of some
 * thousands of unclosed <div>s, which a browser reads. A template's content is left out, as a
 * browser draws none of it.
 */
function domOf(tree: Parsed['document']): Document {
  const document = parseHTML('<!doctype html><html></html>').document as unknown as Document;
  const root = document.documentElement;
  root.replaceChildren();
  const html = tree.childNodes.find((node): node is Parsed['element'] => node.nodeName === 'html');
  if (!html) return document;
  const copyAttributes = (from: Parsed['element'], to: Element) => {
    for (const { name, value, prefix } of from.attrs) {
      try {
        to.setAttribute(prefix ? `${prefix}:${name}` : name, value);
      } catch {
        // A name the DOM refuses ("a\"b", which the parser keeps): a browser keeps the attribute,
        // but no reading of the page's text looks at such a name.
      }
    }
  };
  copyAttributes(html, root);
  const stack: [Parsed['parentNode'], Node][] = [[html, root]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    for (const child of from.childNodes) {
      if (child.nodeName === '#text') to.appendChild(document.createTextNode((child as Parsed['textNode']).value));
      else if (child.nodeName === '#comment') to.appendChild(document.createComment((child as Parsed['commentNode']).data));
      else if ('tagName' in child) {
        const element = child.namespaceURI === 'http://www.w3.org/1999/xhtml' ? document.createElement(child.tagName) : document.createElementNS(child.namespaceURI, child.tagName);
        copyAttributes(child, element);
        to.appendChild(element);
        if (child.tagName !== 'template') stack.push([child, element]);
      }
    }
  }
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
