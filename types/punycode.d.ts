// punycode (npm, by Mathias Bynens) ships no types; Claimlight uses one function of its ES module.
// The deep path keeps bundlers from picking Node's deprecated built-in of the same name.
declare module 'punycode/punycode.es6.js' {
  /** A domain's ASCII (xn--) labels in their Unicode form; other labels unchanged. */
  export function toUnicode(domain: string): string;
}
