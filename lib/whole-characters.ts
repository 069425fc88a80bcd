// Cutting text without cutting a character in two: a module of its own, so that the card and the
// content script can cut text without taking in the tokenizer.
/** `text.slice(start, end)`, each end moved inward where it would split a surrogate pair (an emoji,
 * a CJK character outside the Basic Plane): a cut text must not end in half a character, which
 * shows as "\ufffd". */
export function sliceWhole(text: string, start: number, end = text.length): string {
  const isHigh = (at: number) => at >= 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xd800;
  const isLow = (at: number) => at >= 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00;
  const from = start > 0 && isLow(start) && isHigh(start - 1) ? start + 1 : start;
  const to = end < text.length && isHigh(end - 1) && isLow(end) ? end - 1 : end;
  return text.slice(from, Math.max(from, to));
}
