/**
 * The settings page's list of matches the reader rejected with "Not this claim": on one page, or a
 * claim on every page. Each can be taken back, or all at once; the page then marks them again. The
 * matches reported as wrong are exported from here as a file for pack maintainers. Reading and
 * writing the list is the settings page entry's job (storage.local).
 */
import { formatCount, plural } from '@/lib/counts';
import { reportsFile, withoutClaimDismissal, withoutPageDismissal, type Dismissals } from '@/lib/dismissals';
import { useRef } from 'preact/hooks';
import { isRepeatedClick, useFocusAfterRemoval } from './focus-after-removal';
import { saveFile } from './save-file';

export interface HiddenMatchesProps {
  /** The list, or null until it is read. */
  list: Dismissals | null;
  /** Why the list could not be read, where it could not: said in place of it. */
  unreadable?: string | null;
  /** Why the last change to it was not saved, where it was not. */
  saveError?: string | null;
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

export function HiddenMatches({ list, unreadable = null, saveError = null, onChange }: HiddenMatchesProps) {
  const count = list ? list.onPage.length + list.everywhere.length : 0;
  const reports = list?.reports.length ?? 0;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterRemoval = useFocusAfterRemoval(headingRef);
  /** Every button here takes itself away, with its row or its whole list. */
  const change = (event: Event, next: Dismissals) => {
    if (isRepeatedClick(event)) return;
    focusAfterRemoval.removing(event.currentTarget as HTMLElement);
    onChange(next);
  };
  return (
    <section aria-labelledby="hidden-heading">
      <h2 id="hidden-heading" ref={headingRef} tabIndex={-1}>
        Hidden matches
      </h2>
      {saveError && (
        <p class="field-error" role="alert">
          {saveError}
        </p>
      )}
      {!list && unreadable ? (
        <p class="field-error" role="alert">
          {unreadable}
        </p>
      ) : !list ? (
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
                    {/* dir="auto" on the pack's and the page's text: either may be written right to left. */}
                    <span class="hidden-matches__claim" dir="auto">
                      {claim.claimText}
                    </span>
                    <button type="button" onClick={(event) => change(event, withoutClaimDismissal(list, claim.claimKey))} aria-label={`Mark again: ${claim.claimText}`}>
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
                    <span class="hidden-matches__claim" dir="auto">
                      {match.claimText}
                    </span>
                    <span class="hidden-matches__where">
                      “<bdi>{match.text}</bdi>” on {shortPage(match.page)}
                    </span>
                    <button type="button" onClick={(event) => change(event, withoutPageDismissal(list, match))} aria-label={`Show again: ${match.claimText} on ${shortPage(match.page)}`}>
                      Show again
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" onClick={(event) => change(event, { ...list, onPage: [], everywhere: [] })}>
            {count === 1 ? 'Show it again' : `Show all ${formatCount(count)} again`}
          </button>
        </>
      )}
      {list && reports > 0 && (
        <>
          <h3>Reported wrong matches</h3>
          <p class="hint">
            {plural(reports, 'report')}, kept on this computer. Export them as a file to send to a pack’s maintainers;
            nothing is sent for you.
          </p>
          <p>
            <button type="button" onClick={() => saveFile('claimlight-wrong-matches.json', reportsFile(list, new Date().toISOString()))}>
              Export reports
            </button>{' '}
            <button type="button" onClick={(event) => change(event, { ...list, reports: [] })}>
              Clear reports
            </button>
          </p>
        </>
      )}
    </section>
  );
}
