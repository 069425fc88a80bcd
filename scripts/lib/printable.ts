/** Text from an input (a page's sentence, a parser's quote of a file's first bytes) as the terminal
 * is given it: control characters shown as escapes, never passed on, where they set the
 * terminal's title or colours, or rang its bell. Line breaks and tabs stay. */
export const printable = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
