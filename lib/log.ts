/**
 * Claimlight's logger: every line carries the product's name, and debug lines print only when
 * debugging is switched on, so a release build leaves the host page's console clean.
 */
const PREFIX = '[Claimlight]';
let debugEnabled = false;

/** Turns debug lines on or off (tests and the debug build switch them on). */
export function setDebug(enabled: boolean): void {
  debugEnabled = enabled;
}

export const log = {
  /** A detail that helps while debugging; silent unless debug is on. */
  debug: (...args: unknown[]) => {
    if (debugEnabled) console.debug(PREFIX, ...args);
  },
  /** Something went wrong that the user did not cause and may need to report. */
  error: (...args: unknown[]) => console.error(PREFIX, ...args),
};
