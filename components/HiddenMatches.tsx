/**
 * The settings page's list of matches the reader rejected with "Not this claim": on one page, or a
 * claim on every page. Each can be taken back, or all at once; the page then marks them again. The
 * matches reported as wrong are exported from here as a file for pack maintainers. Reading and
 * writing the list is the settings page entry's job (storage.local).
 */
import { reportsFile, withoutClaimDismissal, withoutPageDismissal, type Dismissals } from '@/lib/dismissals';
import { saveFile } from './save-file';

export interface HiddenMatchesProps {
  /** The list, or null until it is read. */
  list: Dismissals | null;
  onChange(next: Dismissals): void;
}

/** "www.example.com/news/story" for a page key. */
function shortPage(page: string): string {
  try {
    const url = new URL(page);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return page;
  }
}

export function HiddenMatches({ list, onChange }: HiddenMatchesProps) {
  const count = list ? list.onPage.length + list.everywhere.length : 0;
  const reports = list?.reports.length ?? 0;
  return (
    <section aria-labelledby="hidden-heading">
      <h2 id="hidden-heading">Hidden matches</h2>
      {!list ? (
        <p role="status">Reading the hidden matches…</p>
      ) : count === 0 ? (
        <p class="hint">None. When you choose “Not this claim” on a card, the match is listed here, and you can show it again.</p>
      ) : (
        <>
          {list.everywhere.length > 0 && (
            <>
              <h3>Claims marked on no page</h3>
              <ul class="hidden-matches">
                {list.everywhere.map((claim) => (
                  <li key={claim.claimKey}>
                    <span class="hidden-matches__claim">{claim.claimText}</span>
                    <button type="button" onClick={() => onChange(withoutClaimDismissal(list, claim.claimKey))} aria-label={`Mark again: ${claim.claimText}`}>
                      Mark again
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {list.onPage.length > 0 && (
            <>
              <h3>Not this claim, on one page</h3>
              <ul class="hidden-matches">
                {list.onPage.map((match) => (
                  <li key={`${match.page}\n${match.claimKey}\n${match.text}`}>
                    <span class="hidden-matches__claim">{match.claimText}</span>
                    <span class="hidden-matches__where">
                      “{match.text}” on {shortPage(match.page)}
                    </span>
                    <button type="button" onClick={() => onChange(withoutPageDismissal(list, match))} aria-label={`Show again: ${match.claimText} on ${shortPage(match.page)}`}>
                      Show again
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" onClick={() => onChange({ ...list, onPage: [], everywhere: [] })}>
            {count === 1 ? 'Show it again' : `Show all ${count} again`}
          </button>
        </>
      )}
      {list && reports > 0 && (
        <>
          <h3>Reported wrong matches</h3>
          <p class="hint">
            {reports === 1 ? '1 report' : `${reports} reports`}, kept on this computer. Export them as a file to send to a pack’s maintainers;
            nothing is sent for you.
          </p>
          <p>
            <button type="button" onClick={() => saveFile('claimlight-wrong-matches.json', reportsFile(list, new Date().toISOString()))}>
              Export reports
            </button>{' '}
            <button type="button" onClick={() => onChange({ ...list, reports: [] })}>
              Clear reports
            </button>
          </p>
        </>
      )}
    </section>
  );
}
