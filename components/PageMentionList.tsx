/**
 * The popup's "On this page" view: the mentions in the current tab in reading order, each a button
 * that takes the reader to it, then the claims the page only comes close to ("possibly related",
 * not marked), or a sentence saying why there is nothing to list. Asking the tab
 * for its mentions and revealing one are the popup entrypoint's job.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatCount, plural } from '@/lib/counts';
import type { MentionSummary } from '@/lib/protocol';
import { VERDICT_LABELS, bySeverity, isProblem, mostSerious, type MentionVerdict } from '@/lib/verdicts';
import { mentionExcerpt } from './ClaimCard';
import { VerdictBadge } from './VerdictBadge';

/** The tab's mentions; `loading` until it answers; `not-started` when a web page's content script
 * does not answer (the page was loaded before Claimlight was installed, or is still loading);
 * `unavailable` on a page closed to extensions. */
export type PageMentions = MentionSummary[] | 'loading' | 'not-started' | 'unavailable';

/** What the list shows and what choosing a mention does. */
export interface PageMentionListProps {
  mentions: PageMentions;
  /** Whether Claimlight is on for this tab's site. */
  siteEnabled: boolean;
  /** Called with a mention's id when the reader chooses it. */
  onReveal(id: number): void;
  /** A word about the page itself, such as that it is dated well after the events it reports. */
  notice?: string;
  /** Whether the reader hid the page's marks, and how to hide or show them; no switch without it. */
  marksHidden?: boolean;
  onHideMarks?(hidden: boolean): void;
  /** What became of the reader's last choice, when it came to nothing (the sentence left the page). */
  status?: string | undefined;
  /** Reloads the tab's page; offered when Claimlight has not read it. */
  onReload?(): void;
  /** Whether the page is still being read: what is listed is what was found so far. */
  scanning?: boolean;
  /** The keys that move between the marks on the page, as the reader has them set (empty: none):
   * nothing else in Claimlight tells a reader on the keyboard that the marks can be reached. */
  shortcuts?: { next: string; previous: string } | undefined;
}

// The popup is narrow; a long sentence is cut around its start rather than left to fill the list.
const EXCERPT_CHARS = 160;
// A claim as long as a pack allows (2,000 characters) is cut too; and each mention's button names
// it in short, so that a screen reader does not read the whole claim for each of 30 mentions.
const CLAIM_CHARS = 200;
const CLAIM_NAME_CHARS = 60;

function Notice({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="claimlight-popup__notice">
      <p>
        <strong>{title}</strong>
      </p>
      {children && <p>{children}</p>}
    </div>
  );
}

/** What the keys set to move between the marks do, in a sentence. */
function shortcutHint({ next, previous }: { next: string; previous: string }): string {
  if (next && previous) return `On the page, ${next} and ${previous} go to the next and previous claim and open its card.`;
  return next ? `On the page, ${next} goes to the next claim and opens its card.` : `On the page, ${previous} goes to the previous claim and opens its card.`;
}

/** Lists the claims mentioned on the current page, or says why none are listed. */
export function PageMentionList(props: PageMentionListProps) {
  return (
    <>
      {/* In the view from the start, so that what it says is announced. */}
      <p class="claimlight-popup__page-status" role="status">
        {props.status ?? ''}
      </p>
      <MentionViews {...props} />
    </>
  );
}

function MentionViews({ mentions, siteEnabled, onReveal, notice, marksHidden = false, onHideMarks, onReload, scanning = false, shortcuts }: PageMentionListProps) {
  // Before the page has answered, nothing is known of it: not that Claimlight is off there (the
  // popup has not read the settings yet), nor that it holds no claim.
  if (mentions === 'loading') return <p class="claimlight-popup__hint">Looking for claims on this page…</p>;
  if (mentions === 'not-started') {
    return (
      <Notice title="Claimlight has not read this page yet.">
        It reads pages loaded after it was installed or switched on.{' '}
        {onReload && (
          <button type="button" class="claimlight-popup__reload" onClick={onReload}>
            Reload the page
          </button>
        )}{' '}
        If it still finds nothing, the site is closed to extensions, as the browser’s own store is.
      </Notice>
    );
  }
  if (mentions === 'unavailable') {
    return (
      <Notice title="Claimlight can't run on this page.">
        Browser pages, the extension store and files are closed to extensions. Open a news article to see its claims.
      </Notice>
    );
  }
  if (!siteEnabled) {
    return <Notice title="Claimlight is off on this site.">Switch it on above to mark the checked claims on this page.</Notice>;
  }
  const marked = mentions.filter((m) => !m.related);
  const related = mentions.filter((m) => m.related);
  return (
    <>
      {onHideMarks && marked.length > 0 && (
        <p class="claimlight-popup__hide-marks">
          {/* One switch, its state in aria-pressed: the list stays, only the page's marks go. */}
          <button type="button" aria-pressed={marksHidden ? 'true' : 'false'} onClick={() => onHideMarks(!marksHidden)}>
            Hide marks on this page
          </button>
        </p>
      )}
      {notice && marked.length > 0 && (
        <p class="claimlight-popup__page-notice" role="note">
          {notice}
        </p>
      )}
      {marked.length === 0 ? (
        scanning ? (
          <p class="claimlight-popup__hint">Still reading this page… no checked claims found so far.</p>
        ) : (
          <Notice title="No checked claims found on this page.">Claimlight knows only the claims in your fact packs.</Notice>
        )
      ) : (
        <>
          <VerdictSummary mentions={marked} />
          {/* What is listed while the page is read is what was found so far, not all there is. */}
          {scanning && <p class="claimlight-popup__hint">Still reading this page… more may be listed.</p>}
          <MarkedList mentions={marked} onReveal={onReveal} />
          {/* Not while the marks are hidden: the keys go from mark to mark, and there are none. */}
          {!marksHidden && shortcuts && (shortcuts.next || shortcuts.previous) && <p class="claimlight-popup__hint">{shortcutHint(shortcuts)}</p>}
        </>
      )}
      {related.length > 0 && (
        <section class="claimlight-popup__related" aria-labelledby="claimlight-related-title">
          {/* The level under the popup's h1: no heading stands between them in this view. */}
          <h2 id="claimlight-related-title">Possibly related</h2>
          <p class="claimlight-popup__hint">Not marked: the page comes close to these claims without clearly stating them.</p>
          <ul class="claimlight-popup__mentions" aria-labelledby="claimlight-related-title">
            {related.map((mention) => (
              <li key={mention.id} class="claimlight-popup__mention claimlight-popup__mention--related">
                <MentionLines mention={mention} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * The marked mentions, grouped by claim, each a button. One Tab stop for the whole list, the arrow
 * keys (and Home, End) moving between its buttons: a page of 500 mentions was 500 Tab stops
 * between the reader and the rest of the popup.
 */
function MarkedList({ mentions, onReveal }: { mentions: readonly MentionSummary[]; onReveal(id: number): void }) {
  const groups = groupByClaim(mentions);
  const order = groups.flatMap((group) => group.mentions.map((mention) => mention.id));
  // The button the list's Tab stop is on: the last one the reader was on, while it is listed.
  const [current, setCurrent] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // The list as it was last drawn: a mention the reader was on that left the page (the popup asks
  // the page again while it is read) hands the stop to the one after it, else the one before.
  const lastOrder = useRef<number[]>(order);
  const successor = (gone: number) => {
    const at = lastOrder.current.indexOf(gone);
    return [...lastOrder.current.slice(at + 1), ...lastOrder.current.slice(0, at).reverse()].find((id) => order.includes(id));
  };
  const stop = current !== null && order.includes(current) ? current : ((current !== null ? successor(current) : undefined) ?? order[0]);
  useLayoutEffect(() => {
    lastOrder.current = order;
    // The button the keyboard was on went with its mention: the keyboard goes to the stop, not to
    // the popup's top.
    if (current !== null && current !== stop && (!document.activeElement || document.activeElement === document.body)) {
      setCurrent(stop ?? null);
      listRef.current?.querySelector<HTMLButtonElement>(`button[data-mention-id="${stop}"]`)?.focus();
    }
  });
  // The list itself going (its last mention left the page) leaves the keyboard on the view around it.
  useLayoutEffect(
    () => () => {
      const list = listRef.current;
      if (list?.contains(document.activeElement)) list.parentElement?.closest<HTMLElement>('[tabindex]')?.focus();
    },
    [],
  );
  function onKeyDown(event: KeyboardEvent) {
    const at = order.indexOf(stop!);
    const to = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? order.length - 1 : null;
    if (to === null) return;
    event.preventDefault();
    const id = order[Math.max(0, Math.min(order.length - 1, to))]!;
    setCurrent(id);
    listRef.current?.querySelector<HTMLButtonElement>(`button[data-mention-id="${id}"]`)?.focus();
  }
  return (
    <ol ref={listRef} class="claimlight-popup__mentions" aria-label="Claims on this page, in reading order" onKeyDown={onKeyDown}>
      {groups.map((group) => (
        <li key={group.mentions[0]!.id} class="claimlight-popup__claim-group">
          <p class="claimlight-popup__group-head">
            <VerdictBadge verdict={group.worst} />
            {/* dir="auto" on the pack's and the page's text: either may be written right to left. */}
            <span class="claimlight-popup__mention-claim" dir="auto">
              {mentionExcerpt(group.claimText, [], CLAIM_CHARS)}
            </span>
            {group.mentions.length > 1 && <span class="claimlight-popup__group-count">{plural(group.mentions.length, 'mention')}</span>}
          </p>
          <ul class="claimlight-popup__group-mentions">
            {group.mentions.map((mention) => (
              <li key={mention.id}>
                <button
                  type="button"
                  class="claimlight-popup__mention"
                  data-mention-id={mention.id}
                  tabIndex={mention.id === stop ? 0 : -1}
                  onFocus={() => setCurrent(mention.id)}
                  onClick={() => onReveal(mention.id)}
                >
                  <span class="claimlight-visually-hidden">{mentionExcerpt(group.claimText, [], CLAIM_NAME_CHARS)} </span>
                  {/* The group's badge says the verdict; a mention judged otherwise (context
                      where another says imprecise) says its own. */}
                  {mention.verdict !== group.worst ? <VerdictBadge verdict={mention.verdict} /> : <span class="claimlight-visually-hidden">Verdict: {VERDICT_LABELS[mention.verdict]}. </span>}
                  <MentionText text={mention.text} />
                  {/* Listed still: the page holds it, and may show it again (the next slide, the
                      box unfolded); choosing it says it is not shown now. */}
                  {mention.hidden && <span class="claimlight-popup__mention-hidden">Not shown on the page now</span>}
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** The page's mentions of one claim, in reading order, with the most serious verdict among them. */
interface ClaimGroup {
  claimText: string;
  worst: MentionVerdict;
  mentions: MentionSummary[];
}

/** Groups mentions by the claim they mention, in the order each claim first appears. The same
 * words in two packs are one claim to a reader, so the claim's text is the key. */
export function groupByClaim(mentions: readonly MentionSummary[]): ClaimGroup[] {
  const groups = new Map<string, ClaimGroup>();
  for (const mention of mentions) {
    const group = groups.get(mention.claimText);
    if (group) group.mentions.push(mention);
    else groups.set(mention.claimText, { claimText: mention.claimText, worst: mention.verdict, mentions: [mention] });
  }
  for (const group of groups.values()) group.worst = mostSerious(group.mentions.map((m) => m.verdict))!;
  return [...groups.values()];
}

/** One line on what the page's mentions come to: the problems by verdict, then the rest. */
export function verdictSummary(mentions: readonly MentionSummary[]): string {
  const problems = new Map<MentionVerdict, number>();
  let others = 0;
  for (const { verdict } of mentions) {
    if (isProblem(verdict)) problems.set(verdict, (problems.get(verdict) ?? 0) + 1);
    else others++;
  }
  const count = [...problems.values()].reduce((a, b) => a + b, 0);
  const order = [...problems.keys()].sort(bySeverity);
  const head = count ? `${plural(count, 'problem')}: ${order.map((v) => `${formatCount(problems.get(v)!)} ${VERDICT_LABELS[v]}`).join(', ')}` : 'No problems';
  return others ? `${head}; ${plural(others, 'other mention')}` : head;
}

function VerdictSummary({ mentions }: { mentions: readonly MentionSummary[] }) {
  return <p class="claimlight-popup__verdict-summary">{verdictSummary(mentions)}</p>;
}

/** A listed mention: its verdict, the claim, and the sentence on the page. */
function MentionLines({ mention }: { mention: MentionSummary }) {
  return (
    <>
      <VerdictBadge verdict={mention.verdict} />
      <span class="claimlight-popup__mention-claim" dir="auto">
        {mentionExcerpt(mention.claimText, [], CLAIM_CHARS)}
      </span>
      <MentionText text={mention.text} />
    </>
  );
}

/** The sentence on the page, quoted, and isolated within the quotes: its direction is its own, not
 * that of the words "On the page" said before it. */
function MentionText({ text }: { text: string }) {
  return (
    <span class="claimlight-popup__mention-text">
      <span class="claimlight-visually-hidden">On the page: </span>“<bdi>{mentionExcerpt(text, [], EXCERPT_CHARS)}</bdi>”
    </span>
  );
}
