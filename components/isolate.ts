/**
 * A text of the reader's packs or feeds (a title) set inside a sentence of ours, isolated between
 * U+2068 and U+2069: a title in Hebrew or Arabic keeps its own direction, and does not pull the
 * sentence's words and numbers into it ("Imported “2024: 1 :”שנת הבחירות claim…").
 */
export const isolated = (text: string): string => `\u2068${text}\u2069`;
