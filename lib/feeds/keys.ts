/**
 * Where feed state that is not the store's lives in extension storage: the reader's Fact Check
 * Tools API key (`storage.local`, never synced, never exported), and the stamp the background
 * writes when the store's claims change, which every open tab's content script watches to scan
 * its page again.
 */
export const FACTCHECK_KEY = 'claimlight:factcheck-key';
export const STORE_CHANGED_KEY = 'claimlight:store-changed';
/** The stamp the background writes when it checked a feed and its claims stayed as they were (a
 * failure, a 304, the same claims): an open settings page reads its feeds again, to show it. */
export const FEEDS_CHECKED_KEY = 'claimlight:feeds-checked';
/** How far the feed being stored is (`storage.session`: { feedId, done, total }), for the
 * settings page's progress bar. */
export const FEED_PROGRESS_KEY = 'claimlight:feed-progress';
/** The one alarm that wakes the background when the next feed is due. */
export const FEEDS_ALARM = 'claimlight:feeds';
