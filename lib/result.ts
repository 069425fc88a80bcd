/**
 * The one success-or-failure value used across Claimlight's boundaries (messages, imports, CLI).
 * An `Error` cannot be cloned reliably between extension contexts, so failures are plain data.
 */

/** Either `{ ok: true, value }` or `{ ok: false, error }`. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a value as a success. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Wraps an error as a failure. */
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
