/**
 * The card a reader sees for one mention: verdict, the claim as recorded, what the record shows
 * with its sources, and why Claimlight matched this sentence. Positioning, opening and closing,
 * and returning focus to the mark belong to the content script; styles are in `ClaimCard.css`.
 */
import type { Ref } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef } from 'preact/hooks';
import { plural } from '@/lib/counts';
import type { ClaimForCard } from '@/lib/protocol';
import { mainSource } from '@/lib/claim-review';
import { firstSentence } from './MentionPreview';
import { readLink } from '@/lib/links';
import { sliceWhole } from '@/lib/whole-characters';
import { formatPartialDate } from '@/lib/partial-date';
import { VERDICT_LABELS, type MentionVerdict } from '@/lib/verdicts';
import { ClaimMeta } from './ClaimMeta';
import { ContextList, HostWarning, ReportCited, sourceLinkName } from './ContextList';
import { VERDICT_STYLES, verdictColourVars } from './verdict-style';
import { VerdictBadge } from './VerdictBadge';

/** One of the claims a sentence mentions, by the id of its mention on the page. */
export interface ClaimHere {
  id: number;
  claim: ClaimForCard;
  /** What this mention is shown as (the claim's verdict, or context). */
  verdict: MentionVerdict;
}

/** The claims of a sentence that mentions more than one, in reading order, and which one the card shows. */
export interface SentenceClaims {
  claims: ClaimHere[];
  shown: number;
}

/** What the content script hands the card for one mention. */
export interface ClaimCardProps {
  claim: ClaimForCard;
  /** What this mention is shown as: the claim's verdict, or `context` when the verdict judges
   * another report's telling that this sentence does not repeat (`lib/mention-verdict.ts`). */
  verdict: MentionVerdict;
  /** The wording at fault that the sentence repeats. */
  repeats?: string;
  /** The words on the page that matched the claim's key terms, e.g. ["ninety-minute", "call"]. */
  matched: string[];
  /** The sentence on the page that mentions the claim. */
  mentionText: string;
  /** `keyboard`: the card takes focus and keeps Tab inside it. `hover`: it leaves focus where it is. */
  opened: 'hover' | 'click' | 'keyboard';
  /** Called when the reader chooses "Not this claim": the page hides this mark. */
  onDismiss(): void;
  /** Called on Escape (keydown inside the card) and by the close button. */
  onClose(): void;
  /** The claims of the mention's sentence; the card offers to switch only when there is more than one. */
  sentence?: SentenceClaims;
  /** Called when the reader picks another of the sentence's claims: the card shows it instead. */
  onShowOther?(id: number): void;
  /** Where the mention is among the page's (0-based), and how to move to the one before or after. */
  place?: MentionPlace;
  /** A word about the page the mention is on, such as that it is dated well after the events. */
  pageNotice?: string;
  /** Set once the reader said "Not this claim": the card then says what was hidden, and offers to
   * take it back or to hide the claim on every page. */
  dismissed?: Dismissed;
}

/** What "Not this claim" did, and the ways on from it. */
export interface Dismissed {
  /** Whether the claim is hidden on every page, not only on these words here. */
  everywhere: boolean;
  /** Whether the reader has reported the match as wrong, for the pack's maintainers. */
  reported: boolean;
  /** Why what was hidden or reported is not kept: the browser would not store it (`full`, its
   * storage for extensions full), or the page is in a private window (`private`). */
  unkept?: 'full' | 'private' | 'failed';
  onUndo(): void;
  onEverywhere(): void;
  onReport(): void;
}

/** The card after "Not this claim": what is hidden now, Undo, and "never mark this claim". */
function DismissedNote({ dismissed, onClose, undoRef }: { dismissed?: Dismissed; onClose(): void; undoRef: Ref<HTMLButtonElement> }) {
  return (
    <div class={`claimlight-card__dismissed${dismissed ? '' : ' is-empty'}`}>
      {/* In the card from the start, empty until "Not this claim": screen readers announce what
          changes inside a live region, mostly not one that arrives with its text. */}
      <p role="status">
        {dismissed && !dismissed.unkept &&
          (dismissed.everywhere
            ? 'Claimlight will not mark this claim on any page. You can take this back in Claimlight’s settings.'
            : 'Hidden. Claimlight will not mark this claim on these words on this page again.')}
        {dismissed?.reported && !dismissed.unkept && ' Your report is kept in Claimlight’s settings, to export for the pack’s maintainers; nothing leaves this device.'}
        {/* Not kept: what holds is said, and nothing more (not "on any page", not "in the settings"). */}
        {dismissed?.unkept && `Hidden on this page until it is reloaded.${dismissed.reported ? ' Your report is not kept either.' : ''}`}
        {dismissed?.unkept === 'full' && ' The browser would not store it: its storage for extensions is full. Hidden matches you no longer need can be shown again in Claimlight’s settings, which makes room.'}
        {dismissed?.unkept === 'private' && ' In a private window Claimlight keeps nothing of what you do.'}
        {dismissed?.unkept === 'failed' && ' Claimlight’s background did not answer; reload the page to hide it for good.'}
      </p>
      {dismissed && <DismissedActions dismissed={dismissed} onClose={onClose} undoRef={undoRef} />}
    </div>
  );
}

/** Undo, and the ways further from "Not this claim". */
function DismissedActions({ dismissed, onClose, undoRef }: { dismissed: Dismissed; onClose(): void; undoRef: Ref<HTMLButtonElement> }) {
  return (
    <div class="claimlight-card__dismissed-actions">
      <button type="button" ref={undoRef} class="claimlight-card__dismiss" onClick={dismissed.onUndo}>
        Undo
      </button>
      {!dismissed.everywhere && (
        <button type="button" class="claimlight-card__dismiss" onClick={dismissed.onEverywhere}>
          Never mark this claim
        </button>
      )}
      <button type="button" class="claimlight-card__dismiss" onClick={dismissed.onReport} disabled={dismissed.reported}>
        {dismissed.reported ? 'Reported' : 'Report a wrong match'}
      </button>
      <button type="button" class="claimlight-card__dismiss" onClick={onClose}>
        Done
      </button>
    </div>
  );
}

/** A mention's place in the page's list, with the way to the neighbours. */
export interface MentionPlace {
  index: number;
  total: number;
  onPrevious(): void;
  onNext(): void;
}

/** "3 of 12", with buttons to the mention before and after (the list wraps around, as the keyboard command does). */
function PlaceNavigation({ place }: { place: MentionPlace }) {
  return (
    <nav class="claimlight-card__place" aria-label="Mentions on this page">
      <button type="button" class="claimlight-card__step" aria-label="Previous mention" onClick={place.onPrevious}>
        <span aria-hidden="true">‹</span>
      </button>
      <span class="claimlight-card__count">
        {place.index + 1} of {place.total}
      </span>
      <button type="button" class="claimlight-card__step" aria-label="Next mention" onClick={place.onNext}>
        <span aria-hidden="true">›</span>
      </button>
    </nav>
  );
}

/** The longest mention shown in full; longer sentences are cut to a window around the matched words. */
export const MENTION_MAX_CHARS = 220;

/** Shortens `sentence` to about `max` characters around the first matched word, cutting at spaces and marking cuts with "…". */
export function mentionExcerpt(sentence: string, matched: string[], max = MENTION_MAX_CHARS): string {
  const text = sentence.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const lower = text.toLowerCase();
  const hits = matched.map((word) => lower.indexOf(word.toLowerCase())).filter((at) => at >= 0);
  const first = hits.length > 0 ? Math.min(...hits) : 0;
  // Keep a third of the window before the first match, so the reader sees what leads into it.
  let start = Math.max(0, first - Math.floor(max / 3));
  let end = Math.min(text.length, start + max);
  start = Math.max(0, end - max);
  // At a space inside the window; where there is none (Chinese, Japanese, Thai, with a Latin word
  // here and there), where the window falls: the next space lay past its end, and the excerpt was "……".
  const space = start > 0 ? text.indexOf(' ', start) : -1;
  if (space >= 0 && space < first && space < end) start = space + 1;
  if (end < text.length) end = text.lastIndexOf(' ', end) > Math.max(start, first) ? text.lastIndexOf(' ', end) : end;
  const cut = sliceWhole(text, start, end).trim();
  // "immediately,…" reads worse than "immediately…", so a clause mark before the cut goes.
  return `${start > 0 ? '…' : ''}${end < text.length ? cut.replace(/[,;:]+$/, '') + '…' : cut}`;
}

/** Splits `text` into runs, flagging the runs that are one of `words` standing as a whole word (any case). */
export function splitOnWords(text: string, words: string[]): { text: string; hit: boolean }[] {
  const wanted = [...new Set(words.map((w) => w.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return [{ text, hit: false }];
  const escaped = wanted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  // split() with one capture group puts the captured words at the odd indices.
  return text
    .split(pattern)
    .map((part, i) => ({ text: part, hit: i % 2 === 1 }))
    .filter((run) => run.text !== '');
}

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside `root`: from the last tabbable element it wraps to the first, and back with Shift+Tab. */
function trapTab(event: KeyboardEvent, root: HTMLElement): void {
  const tabbable = [...root.querySelectorAll<HTMLElement>(TABBABLE)];
  const target = event.target as Node;
  const first = tabbable[0];
  const last = tabbable[tabbable.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  // Compare positions rather than look the target up in the list, so the same rule covers focus on
  // the heading (tabindex -1) or on the card itself, which are not in the list.
  const isBefore = (a: Node, b: Node) => a !== b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  if (event.shiftKey && !tabbable.some((el) => isBefore(el, target))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && !tabbable.some((el) => isBefore(target, el))) {
    event.preventDefault();
    first.focus();
  }
}

function WhyMatched({ matched, mentionText, headingId }: { matched: string[]; mentionText: string; headingId: string }) {
  const seen = new Set<string>();
  const words = matched.filter((w) => w.trim() && !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
  const excerpt = mentionExcerpt(mentionText, words);
  return (
    <section class="claimlight-card__section" aria-labelledby={headingId}>
      <h3 id={headingId} class="claimlight-card__section-title">
        Why this matched
      </h3>
      {words.length > 0 && (
        <ul class="claimlight-card__words" aria-label="Matched words">
          {words.map((word) => (
            <li key={word}>{word}</li>
          ))}
        </ul>
      )}
      {excerpt && (
        <blockquote class="claimlight-card__mention" dir="auto">
          {splitOnWords(excerpt, words).map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : run.text))}
        </blockquote>
      )}
    </section>
  );
}

/**
 * A strip of buttons, one per claim of the sentence, at the top of the card where it cannot scroll
 * out of view. The marks of these claims lie on the same words, so the pointer alone could only
 * ever reach one of them; this is how the reader gets to the rest. On screen each button shows a
 * number and the verdict; its accessible name and its tooltip add the claim in full.
 */
/** Words of a claim shown on its switcher button. */
const GIST_WORDS = 5;

/**
 * Each claim in a few words, for buttons that must tell claims apart: the words after any opening the
 * claims all share ("Trump said that …"), the first few of them, with "…" where words were left out.
 */
export function claimGists(texts: readonly string[]): string[] {
  const words = texts.map((text) => text.trim().split(/\s+/));
  const plain = (word: string | undefined) => word?.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  let shared = 0;
  while (words.length > 1 && words.every((w) => shared < w.length - 1 && plain(w[shared]) === plain(words[0]![shared]))) shared++;
  return words.map((w) => {
    const shown = w.slice(shared, shared + GIST_WORDS).join(' ').replace(/[,;:.]$/, '');
    return `${shared ? '…' : ''}${shown}${shared + GIST_WORDS < w.length ? '…' : ''}`;
  });
}

function SentenceSwitcher({ sentence, onShowOther }: { sentence: SentenceClaims; onShowOther?: (id: number) => void }) {
  const count = sentence.claims.length;
  const gists = claimGists(sentence.claims.map(({ claim }) => claim.text));
  return (
    <div class="claimlight-card__switcher" role="group" aria-label={`This sentence mentions ${count} checked claims`}>
      <span class="claimlight-card__switcher-label" aria-hidden="true">
        {plural(count, 'claim')} here
      </span>
      {sentence.claims.map(({ id, claim, verdict }, i) => {
        const word = VERDICT_LABELS[verdict];
        const current = id === sentence.shown;
        return (
          <button
            key={id}
            type="button"
            class="claimlight-card__switch"
            data-verdict={verdict}
            style={verdictColourVars(verdict)}
            aria-current={current ? 'true' : undefined}
            // The name starts with the words on the button (WCAG 2.5.3), then gives the whole claim.
            aria-label={`${i + 1} ${word} ${gists[i]}: ${claim.text}`}
            title={claim.text}
            onClick={() => !current && onShowOther?.(id)}
          >
            <span aria-hidden="true">
              {i + 1} {VERDICT_STYLES[verdict].glyph} {word} <span class="claimlight-card__gist">{gists[i]}</span>
            </span>
          </button>
        );
      })}
    </div>
  );
}

/**
 * Which text a verdict judges, for a claim about how one report told the story: "As reported in
 * …", with a link where the pack has one. When this page does not repeat what that report got
 * wrong, it says so, and the card shows the record as context.
 */
function TellingNote({ claim, verdict, repeats }: { claim: ClaimForCard; verdict: MentionVerdict; repeats?: string }) {
  const telling = claim.telling;
  if (!telling) return null;
  const report = <ReportCited report={telling.report} classPrefix="claimlight-card" />;
  if (verdict === 'context') {
    return (
      <p class="claimlight-card__telling" data-judged="elsewhere">
        The verdict “{VERDICT_LABELS[claim.verdict]}” judges how another report told this: {report}. This page does not repeat what it got wrong, so the record is shown as context.
      </p>
    );
  }
  return (
    <p class="claimlight-card__telling" data-judged="here">
      As reported in {report}
      {repeats ? <>; this page repeats “{repeats}”.</> : '.'}
    </p>
  );
}

/** A record as its first sentence and the rest; a first sentence too long to lead is not cut, the
 * whole record leads. */
function splitRecord(summary: string): [string, string] {
  const first = firstSentence(summary);
  if (first.endsWith('…') || !summary.trim().startsWith(first)) return [summary, ''];
  return [first, summary.trim().slice(first.length).trim()];
}

/** The one source to open first, in the card's first view: "Read the fact-check" where the claim
 * came from a fact-checker's review, else the record's main source; with its date. */
function MainSourceLink({ claim }: { claim: ClaimForCard }) {
  const main = mainSource(claim);
  if (!main) return null;
  const link = readLink(main.source.url);
  if (!link.ok) return null;
  const date = main.source.published;
  const label = main.isFactCheck ? 'Read the fact-check' : 'Main source';
  const when = date ? formatPartialDate(date) : undefined;
  return (
    <p class="claimlight-card__main-source">
      <a
        href={link.url}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={sourceLinkName(label, link, `${main.source.outlet}${when ? `, ${when}` : ''}`)}
      >
        {label}
        {/* Where the link really goes, as every source link in the card shows it. */}
        <span class="claimlight-card__host"> {link.host}</span>
        <HostWarning link={link} classPrefix="claimlight-card" />
      </a>
      {' · '}
      {/* Isolated, as every source's outlet in the card is, so that an outlet written right to
          left cannot reorder the date after it. */}
      <bdi>{main.source.outlet}</bdi>
      {date && (
        <>
          {', '}
          <time dateTime={date}>{when}</time>
        </>
      )}
    </p>
  );
}

/** Shows one claim's verdict, record and sources for a mention on the page, with ways to close it or reject the match. */
export function ClaimCard({ claim, verdict, repeats, matched, mentionText, opened, onDismiss, onClose, sentence, onShowOther, place, pageNotice, dismissed }: ClaimCardProps) {
  const id = useId();
  const ids = { badge: `${id}-badge`, title: `${id}-title`, summary: `${id}-summary`, record: `${id}-record`, why: `${id}-why` };
  const rootRef = useRef<HTMLDivElement>(null);
  const [lead, rest] = splitRecord(claim.summary);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const dismissRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // preventScroll: the content script positions the card after mount; scrolling the page to it
    // first would move the mark it is anchored to.
    if (opened === 'keyboard') titleRef.current?.focus({ preventScroll: true });
  }, [opened]);

  // "Not this claim", "Never mark this claim" and Undo each take themselves out of the footer, and
  // "Report" disables itself: focus would fall out of the card to the page. It goes to the first
  // button of the footer now shown, unless the reader's focus is somewhere else on the page.
  const dismissedState = dismissed ? `${dismissed.everywhere} ${dismissed.reported}` : '';
  const shownState = useRef(dismissedState);
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (shownState.current === dismissedState || !root) return;
    shownState.current = dismissedState;
    const focused = (root.getRootNode() as Document | ShadowRoot).activeElement;
    const pageFocus = root.ownerDocument.activeElement;
    if (root.contains(focused) || !pageFocus || pageFocus === root.ownerDocument.body) (dismissed ? undoRef : dismissRef).current?.focus();
  }, [dismissedState]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      // The Escape was meant for the card; the page's own handlers (closing its menus or
      // lightboxes) should not also act on it.
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab' && opened === 'keyboard' && rootRef.current) {
      trapTab(event, rootRef.current);
    }
  }

  // role="dialog" for both ways of opening. A tooltip may hold no links or buttons and screen
  // readers do not let users move into one, while this card holds both; a non-modal dialog named
  // by its verdict and claim is announced properly when focus enters it by keyboard, and is left
  // alone (no focus taken, no aria-modal) when it only appeared under the mouse.
  return (
    <div
      ref={rootRef}
      class="claimlight-card"
      role="dialog"
      // The card's own words are English; the page around its shadow root may be in any language.
      lang="en"
      aria-labelledby={`${ids.badge} ${ids.title}`}
      aria-describedby={ids.summary}
      data-opened={opened}
      data-verdict={verdict}
      style={verdictColourVars(verdict)}
      onKeyDown={onKeyDown}
    >
      {/* Divs, not header and footer: those are the page's banner and content info to a screen
          reader, whatever dialog holds them, and an open card gave every page a second of each. */}
      <div class="claimlight-card__header">
        <VerdictBadge id={ids.badge} verdict={verdict} label={verdict === claim.verdict ? claim.ratingLabel : undefined} />
        <button type="button" class="claimlight-card__close" aria-label="Close" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>

      {sentence && sentence.claims.length > 1 && <SentenceSwitcher sentence={sentence} onShowOther={onShowOther} />}

      <div class="claimlight-card__body">
        {pageNotice && (
          <p class="claimlight-card__notice" role="note">
            {pageNotice}
          </p>
        )}
        {/* dir="auto" on the pack's and the page's text: the card is set left to right, and a claim
            in Arabic or Hebrew would have its full stop and figures laid out at the wrong end. */}
        <h2 id={ids.title} ref={titleRef} tabIndex={-1} class="claimlight-card__claim" dir="auto" lang={claim.packLanguage}>
          {claim.text}
        </h2>
        <ClaimMeta claim={claim} classPrefix="claimlight-card" />
        <TellingNote claim={claim} verdict={verdict} repeats={repeats} />

        <section class="claimlight-card__section" aria-labelledby={ids.record}>
          <h3 id={ids.record} class="claimlight-card__section-title">
            What the record shows
          </h3>
          {/* The record's first sentence and its main source come first, in the card's first
              view; the rest of the record follows. */}
          <p id={ids.summary} class="claimlight-card__summary" dir="auto" lang={claim.packLanguage}>
            {lead}
          </p>
          <MainSourceLink claim={claim} />
          {rest && (
            <p class="claimlight-card__summary-rest" dir="auto" lang={claim.packLanguage}>
              {rest}
            </p>
          )}
          <ContextList context={claim.context} classPrefix="claimlight-card" />
        </section>

        <WhyMatched matched={matched} mentionText={mentionText} headingId={ids.why} />

        <p class="claimlight-card__pack">
          From: <cite>{claim.packTitle}</cite>
        </p>
      </div>

      <div class="claimlight-card__footer">
        <DismissedNote dismissed={dismissed} onClose={onClose} undoRef={undoRef} />
        {!dismissed && (
          <>
            {place && place.total > 1 && <PlaceNavigation place={place} />}
            <button type="button" ref={dismissRef} class="claimlight-card__dismiss" onClick={onDismiss}>
              Not this claim
            </button>
          </>
        )}
      </div>
    </div>
  );
}
