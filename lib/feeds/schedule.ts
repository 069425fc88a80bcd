/**
 * When a feed is checked next: on its own interval after a success (6 hours unless the reader
 * chose otherwise, never under 15 minutes), and after failures sooner but backing off, doubling
 * from 15 minutes to a day, so that a server that is down is not asked every minute and one that
 * comes back is found again within the day.
 */

const MINUTE = 60_000;

/** A feed's interval when the reader has not set one. */
export const DEFAULT_INTERVAL_MINUTES = 6 * 60;
/** The shortest interval a feed may have. */
export const MIN_INTERVAL_MINUTES = 15;
/** The first retry after a failure, doubled after each further one up to `MAX_BACKOFF_MINUTES`. */
export const FIRST_RETRY_MINUTES = 15;
export const MAX_BACKOFF_MINUTES = 24 * 60;

/** What scheduling needs to know about a feed. */
export interface FeedTiming {
  /** Minutes between checks. */
  intervalMinutes: number;
  /** Failures in a row since the last success; 0 after one. */
  failures: number;
  paused: boolean;
  /** When the feed is due next (ms since the epoch). */
  nextCheck: number;
}

/** An interval the reader typed, within bounds and whole. */
export function clampInterval(minutes: number): number {
  if (!Number.isFinite(minutes)) return DEFAULT_INTERVAL_MINUTES;
  return Math.max(MIN_INTERVAL_MINUTES, Math.round(minutes));
}

/** The time to wait after the `failures`-th failure in a row, in minutes. */
export function backoffMinutes(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_BACKOFF_MINUTES, FIRST_RETRY_MINUTES * 2 ** Math.min(failures - 1, 20));
}

/** When a feed is due after a check at `now` that succeeded (`failures` 0) or was the
 * `failures`-th failure in a row, after which its server may have asked to be left alone for
 * `retryAfterMs`. A failing feed is never asked later than its own interval. */
export function nextCheckAfter(now: number, intervalMinutes: number, failures: number, retryAfterMs = 0): number {
  const interval = clampInterval(intervalMinutes);
  const wait = failures > 0 ? Math.min(interval, Math.max(backoffMinutes(failures), retryAfterMs / MINUTE)) : interval;
  return now + Math.ceil(wait * MINUTE);
}

/** When a feed is due, as of `now`. A next check further off than the feed's own interval can only
 * have been written by a clock that was ahead (and has since been put right), or before the reader
 * shortened the interval: the feed is due now, not in a year. */
function dueAt(feed: FeedTiming, now: number): number {
  return feed.nextCheck > now + clampInterval(feed.intervalMinutes) * MINUTE ? now : feed.nextCheck;
}

/** The feeds due at `now`, the longest overdue first; paused feeds never are. */
export function dueFeeds<F extends FeedTiming>(feeds: readonly F[], now: number): F[] {
  return feeds.filter((feed) => !feed.paused && dueAt(feed, now) <= now).sort((a, b) => dueAt(a, now) - dueAt(b, now));
}

/** When the next feed is due, for the one alarm that wakes the background; null when none is. */
export function nextWake(feeds: readonly FeedTiming[], now = Date.now()): number | null {
  const times = feeds.filter((feed) => !feed.paused).map((feed) => dueAt(feed, now));
  return times.length ? Math.min(...times) : null;
}
