/**
 * The toolbar popup: the site switch, a link to the settings, and two views, "Search" over the
 * stored claims and "On this page" for the current tab's mentions. Every value and action comes in
 * as props, so it renders without a browser; the popup entrypoint reads the store, the tab and the
 * settings and passes them here.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { displayHost } from '@/lib/links';
import type { ClaimForCard } from '@/lib/protocol';
import { ClaimSearch, type PackChoice } from './ClaimSearch';
import { PageMentionList, type PageMentions } from './PageMentionList';

/** What the popup shows. */
export interface PopupData {
  /** Every stored claim with its pack's title; null while the store is being read. */
  claims: ClaimForCard[] | null;
  /** The stored packs, in the order the pack filter lists them. */
  packs: PackChoice[];
  /** A sentence about a failed store read, shown instead of the search. */
  storeError?: string;
  /** The current tab's mentions in reading order, `loading`, `not-started` (a web page Claimlight
   * has not read: loaded before it was installed), or `unavailable` (a page closed to extensions). */
  pageMentions: PageMentions;
  /** What became of the reader's last choice in the list, when it came to nothing. */
  pageStatus?: string;
  /** The current tab's host ("www.example.com"), or null when it has none Claimlight can switch. */
  siteHost: string | null;
  /** Whether Claimlight is on for `siteHost` (`isEnabledOn`). */
  siteEnabled: boolean;
  /** What the tab says about its page (it is old news), if anything. */
  pageNotice?: string;
  /** Whether the reader hid the marks on the tab's page. */
  marksHidden?: boolean;
  /** Whether the tab's page is still being read (a long page is read in slices). */
  pageScanning?: boolean;
  /** Why the last switch for the site was not saved, while it was not. */
  siteError?: string | undefined;
  /** The keys that move between the marks on the page, as the reader has them set (empty: none). */
  shortcuts?: { next: string; previous: string };
}

/** What the popup can ask for. */
export interface PopupActions {
  /** Scroll the tab to this mention and open its card. */
  onRevealMention(id: number): void;
  /** Hide the marks on the tab's page, or show them again. */
  onHideMarks?(hidden: boolean): void;
  /** Switch Claimlight on or off for `siteHost`. */
  onSiteSwitched(on: boolean): void;
  /** Reload the tab's page, so that Claimlight reads it. */
  onReloadPage?(): void;
  /** Open the settings page. */
  onOpenSettings(): void;
}

/** The popup's props: its data, its actions, and the view it opens on (Search unless told). */
export interface PopupAppProps extends PopupData, PopupActions {
  initialView?: View;
}

type View = 'search' | 'page';
const VIEWS: { view: View; label: string }[] = [
  { view: 'search', label: 'Search' },
  { view: 'page', label: 'On this page' },
];

function SiteSwitch({ host, on, onChange, error }: { host: string | null; on: boolean; onChange(on: boolean): void; error?: string | undefined }) {
  const id = useId();
  return (
    <div class="claimlight-popup__site">
      <button
        type="button"
        role="switch"
        class="claimlight-popup__switch"
        aria-checked={host ? on : false}
        aria-describedby={`${id}-host`}
        disabled={!host}
        onClick={() => onChange(!on)}
      >
        <span class="claimlight-popup__switch-track" aria-hidden="true">
          <span class="claimlight-popup__switch-thumb" />
        </span>
        <span>Claimlight on this site</span>
      </button>
      {/* Cut with "…" where it is long ("www.manchestereveningnews.co.uk"): the whole host on hover. */}
      <span id={`${id}-host`} class="claimlight-popup__site-host" title={host ? displayHost(host) : undefined}>
        {host ? displayHost(host) : 'Not available here'}
      </span>
      {error && (
        <p role="alert" class="claimlight-popup__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The whole popup. */
export function PopupApp(props: PopupAppProps) {
  const id = useId();
  const [view, setView] = useState<View>(props.initialView ?? 'search');
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  // The tab counts the mentions marked on the page, as its list does; the possibly related are not mentions.
  const mentionCount = Array.isArray(props.pageMentions) && props.siteEnabled ? props.pageMentions.filter((m) => !m.related).length : null;

  function onTabKeyDown(event: KeyboardEvent, index: number) {
    const last = VIEWS.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setView(VIEWS[next]!.view);
    tabRefs.current[next]?.focus();
  }

  return (
    <main class="claimlight-popup">
      <header class="claimlight-popup__header">
        <h1 class="claimlight-popup__title">Claimlight</h1>
        <button type="button" class="claimlight-popup__settings" onClick={props.onOpenSettings}>
          <span aria-hidden="true">⚙ </span>Settings
        </button>
      </header>
      <SiteSwitch host={props.siteHost} on={props.siteEnabled} onChange={props.onSiteSwitched} error={props.siteError} />

      <div role="tablist" aria-label="Popup views" class="claimlight-popup__tabs">
        {VIEWS.map((tab, i) => (
          <button
            key={tab.view}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.view}`}
            aria-controls={`${id}-panel-${tab.view}`}
            aria-selected={view === tab.view}
            tabIndex={view === tab.view ? 0 : -1}
            class="claimlight-popup__tab"
            onClick={() => setView(tab.view)}
            onKeyDown={(event) => onTabKeyDown(event, i)}
          >
            {tab.label}
            {tab.view === 'page' && mentionCount !== null && (
              <span class="claimlight-popup__count">
                <span class="claimlight-visually-hidden">, </span>
                {mentionCount}
              </span>
            )}
          </button>
        ))}
      </div>

      {/* Both panels stay mounted so the search keeps its words while the reader looks at the page's list. */}
      <section
        role="tabpanel"
        id={`${id}-panel-search`}
        aria-labelledby={`${id}-tab-search`}
        class="claimlight-popup__panel"
        hidden={view !== 'search'}
      >
        {props.storeError ? (
          <p role="alert" class="claimlight-popup__error">
            {props.storeError}
          </p>
        ) : (
          <ClaimSearch claims={props.claims} packs={props.packs} onOpenSettings={props.onOpenSettings} />
        )}
      </section>
      <section
        role="tabpanel"
        id={`${id}-panel-page`}
        aria-labelledby={`${id}-tab-page`}
        class="claimlight-popup__panel"
        // Focusable itself, since its notices may hold nothing else to land on (ARIA tabs pattern).
        tabIndex={0}
        hidden={view !== 'page'}
      >
        <PageMentionList
          mentions={props.pageMentions}
          siteEnabled={props.siteEnabled}
          onReveal={props.onRevealMention}
          notice={props.pageNotice}
          status={props.pageStatus}
          onReload={props.onReloadPage}
          marksHidden={props.marksHidden}
          onHideMarks={props.onHideMarks}
          scanning={props.pageScanning}
          shortcuts={props.shortcuts}
        />
      </section>
    </main>
  );
}
