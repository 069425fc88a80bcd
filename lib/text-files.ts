/**
 * Reads a text file's bytes as text, as a browser would: by its byte-order mark, else in the
 * charset its server named, else as UTF-8 where the bytes are UTF-8, else in the encoding a saved
 * page declares, else as windows-1252, saying so. Shared by the settings page's import, feeds and
 * the command-line tools (scripts/lib/saved-page.ts reads saved pages with the same parts).
 */

/** The encoding a byte-order mark names, or null. */
export function markedEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** How far into a page its <meta charset> is looked for when the first 1,024 bytes hold none:
 * browsers look there first, then change encoding on one met later in <head> (after a long
 * analytics script, say); a page whose declaration came later used to be read as windows-1252. */
const META_REACH = 64 * 1024;

/** Where a page's bytes say which encoding they are in: a byte-order mark, else a <meta charset>
 * (or http-equiv) in its <head>, as browsers look for it. A <meta> that says UTF-16 is read as
 * UTF-8, as the HTML standard reads it: a page whose <meta> can be read at all is not UTF-16. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const marked = markedEncoding(bytes);
  if (marked) return marked;
  // Comments, scripts and styles left out, as browsers leave them: a commented-out <meta>, or one
  // in a script's string, declares nothing.
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, META_REACH))
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  const body = head.search(/<body\b/i);
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(body < 0 ? head : head.slice(0, body))?.[1]?.toLowerCase() ?? null;
  if (!meta) return null;
  // By the name the platform reads it under: "unicode", "ucs-2" and "csunicode" are UTF-16 too.
  let name = meta;
  try {
    name = new TextDecoder(meta).encoding;
  } catch {
    // A name the platform does not know: kept, for the reader to say so.
  }
  return name.startsWith('utf-16') ? 'utf-8' : name;
}

/**
 * A text file's text (a spreadsheet's CSV, a JSON file) by its byte-order mark (UTF-8, UTF-16 as
 * Excel's "Unicode text" writes it), else as UTF-8 where its bytes are UTF-8, else as windows-1252,
 * what Excel on Windows writes as plain "CSV", with a note saying so. Read as UTF-8 whatever they
 * were, such files lost every accented letter to "\uFFFD" without a word.
 * @param charset The charset a server named in the Content-Type it sent the bytes with (a feed's).
 */
export function decodeTextFile(bytes: Uint8Array, charset?: string): { text: string; note?: string } {
  const marked = markedEncoding(bytes);
  if (marked) return { text: new TextDecoder(marked).decode(bytes) };
  // Then the server's word, as browsers take it (a feed of an older site in ISO-8859-1). A charset
  // the platform does not know is ignored, as browsers ignore it; UTF-8 is what the bytes are tried
  // as below, where bytes that are not UTF-8 after all are read as any file's.
  // Bytes that are UTF-8 with letters beyond ASCII are read as UTF-8 whatever the server named: a
  // server's default label ("charset=ISO-8859-1") on a JSON feed written in UTF-8 turned every "ã"
  // into "Ã£", and JSON is UTF-8 by its standard. (Text in another encoding is almost never valid
  // UTF-8 once it holds such letters.)
  if (charset) {
    try {
      if (new TextDecoder(charset).encoding !== 'utf-8') {
        const utf8 = beyondAscii(bytes) ? strictUtf8(bytes) : null;
        return utf8 === null ? { text: decodeAs(bytes, charset) } : { text: utf8, note: `the server said ${charset}, but the bytes are UTF-8: read as UTF-8` };
      }
    } catch {
      // Read by the bytes alone.
    }
  }
  // A saved page (ClaimReview in its JSON-LD) in the encoding its <meta charset> names, as the
  // browser that saved it read it: a windows-1251 page came in as windows-1252, every letter wrong.
  // Read only where needed: most files are UTF-8 and no page.
  const page = () => (/^\s*</.test(new TextDecoder('latin1').decode(bytes.subarray(0, 256))) ? declaredEncoding(bytes) : null);
  if (escapeEncoded(bytes, page)) return { text: decodeAs(bytes, 'iso-2022-jp') };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8 };
  const declared = page();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return { text: decodeAs(bytes, declared) };
    } catch {
      // An encoding the platform does not know: read as any other file below.
    }
  }
  const loose = mostlyUtf8(bytes);
  if (loose) return { text: loose.text, note: `${loose.strays === 1 ? 'a byte' : `${loose.strays} bytes`} not UTF-8, each read as a replacement character; the rest read as UTF-8` };
  return { text: windows1252(bytes), note: 'not UTF-8: read as windows-1252, which Excel on Windows writes; save it as UTF-8 ("CSV UTF-8" in Excel) if its letters look wrong' };
}

const beyondAscii = (bytes: Uint8Array) => bytes.some((byte) => byte >= 0x80);

/** The bytes as UTF-8, or null where they are not UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether bytes are ISO-2022-JP, as their page declares (`declared`, asked only of bytes that hold
 * an escape), and switch character sets by escape sequences: such bytes are all 7-bit, so they
 * pass for UTF-8 and were read as such, "日本語" as "\u001b$BF|K\\8l\u001b(B". (The web's other 7-bit encodings of
 * this kind, ISO-2022-KR and HZ, are read by browsers as nothing at all, and are left to the rest.)
 */
export function escapeEncoded(bytes: Uint8Array, declared: () => string | null): boolean {
  return bytes.includes(ESCAPE) && declared() === 'iso-2022-jp';
}

const ESCAPE = 0x1b;

/** Bytes that are not all UTF-8 read as UTF-8 anyway, each stray byte a replacement character, when
 * they are UTF-8 with a stray byte or two (a quote pasted from Word, a "©" saved by an old tool):
 * told by the letters they do write in UTF-8, at least as many as the strays. Read as
 * windows-1252, their every "ó" became "Ã³". Null when they are not. */
export function mostlyUtf8(bytes: Uint8Array): { text: string; strays: number } | null {
  const loose = new TextDecoder('utf-8').decode(bytes);
  const strays = loose.split('\uFFFD').length - 1;
  const written = (loose.match(/[^\x00-\x7F\uFFFD]/gu) ?? []).length;
  return written > 0 && written >= strays ? { text: loose, strays } : null;
}

// What windows-1252 puts at 0x80-0x9f, where ISO-8859-1 has control characters (0 where it has none).
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Bytes in an encoding named as a page may name it (a label `TextDecoder` knows); throws for one
 * it does not. windows-1252 and its labels are read as the web reads them (`windows1252`). */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  const decoder = new TextDecoder(encoding);
  return decoder.encoding === 'windows-1252' ? windows1252(bytes) : decoder.decode(bytes);
}

/** windows-1252 as the web reads it ("latin1", "ascii" and "iso-8859-1" are its labels). Node 20's
 * TextDecoder reads it as ISO-8859-1, so "–" (0x96) came out as a control character. */
export function windows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] || b : b));
    text += String.fromCharCode(...chunk);
  }
  return text;
}
