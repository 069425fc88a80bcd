/**
 * Tag names for Claimlight's layers that the page cannot guess: a page that defines a custom
 * element under a fixed name before we create ours would make attaching our shadow root throw,
 * and its rules and scripts could aim at it by name.
 */
export function unguessableTagName(prefix: string): string {
  const letters = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${prefix}-${letters}`;
}
