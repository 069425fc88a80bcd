/**
 * The popup's search: a combobox whose results update as the reader types, filters by verdict and
 * pack, and the full record of the chosen claim. Ranking is `lib/claim-search.ts`'s job; where the
 * claims come from is the popup entrypoint's.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { buildClaimSearch, createClaimSearch, DEFAULT_LIMIT, highlightRuns, onlyCommonWords, type ClaimHit, type ClaimSearch as ClaimIndex } from '@/lib/claim-search';
import { formatCount, plural } from '@/lib/counts';
import type { ClaimForCard } from '@/lib/protocol';
import { VERDICTS, type Verdict } from '@/lib/schema';
import { BY_SEVERITY, VERDICT_LABELS } from '@/lib/verdicts';
import { formatPartialDate } from '@/lib/partial-date';
import { ClaimRecord } from './ClaimRecord';
import { VerdictBadge } from './VerdictBadge';
import { UNSPACED } from '@/lib/unspaced-words';

/** A single letter of a script written with spaces: a Chinese or Japanese character is a word. */
const isOneLetter = (text: string) => [...text].length === 1 && /\p{L}/u.test(text) && !UNSPACED.test(text);

/** A pack as the pack filter lists it. */
export interface PackChoice {
  id: string;
  title: string;
}

/** The claims to search (null while the store is read) and the packs they come from. */
/** Up to this many claims are indexed at once, as they come (in well under a tenth of a second);
 * more, in turns that leave the popup its thread. */
const INDEX_AT_ONCE = 2_000;

export interface ClaimSearchProps {
  claims: ClaimForCard[] | null;
  packs: PackChoice[];
  /** Called by the "open settings" button shown when the store holds no claims. */
  onOpenSettings(): void;
}

// Browsing starts with what a reader most needs to know about: the problems, most serious first.
// Stored claims never carry `context`, which only mentions have.
const BROWSE_ORDER = BY_SEVERITY.filter((v): v is Verdict => v !== 'context');

function ResultOption({ hit, id, active, onChoose }: { hit: ClaimHit<ClaimForCard>; id: string; active: boolean; onChoose(): void }) {
  const { claim } = hit;
  const date = claim.claimDate ? formatPartialDate(claim.claimDate) : undefined;
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      class={`claimlight-popup__result${active ? ' is-active' : ''}`}
      // mousedown would move focus off the search box, and with it the keyboard's place in the list.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
    >
      <span class="claimlight-popup__result-head">
        <VerdictBadge verdict={claim.verdict} />
        {date && <time dateTime={claim.claimDate}>{date}</time>}
      </span>
      {/* dir="auto": a claim in Arabic or Hebrew is laid out right to left. */}
      <span class="claimlight-popup__result-text" dir="auto" lang={claim.packLanguage}>
        {highlightRuns(claim.text, hit.terms).map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : run.text))}
      </span>
    </li>
  );
}

/** Searches the stored claims as the reader types and opens one claim's record. */
export function ClaimSearch({ claims, packs, onOpenSettings }: ClaimSearchProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [packId, setPackId] = useState('');
  const [active, setActive] = useState(0);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // A few claims are indexed as they come; many (a large feed) in turns (`buildClaimSearch`), the
  // box taking keys meanwhile: words typed while the index is made are searched once it is.
  const small = !!claims && claims.length <= INDEX_AT_ONCE;
  const indexedAtOnce = useMemo(() => (claims && small ? createClaimSearch(claims) : null), [claims, small]);
  // While it is made, the search answers from the claims indexed so far (`indexed`), and says so.
  const [indexedInTurns, setIndexedInTurns] = useState<{ of: readonly ClaimForCard[]; index: ClaimIndex<ClaimForCard>; indexed: number } | null>(null);
  useEffect(() => {
    if (!claims || small) return;
    let current = true;
    const took = (index: ClaimIndex<ClaimForCard>, indexed: number) => current && setIndexedInTurns({ of: claims, index, indexed });
    void buildClaimSearch(claims, ({ search, indexed }) => took(search, indexed)).then((index) => took(index, index.size));
    return () => {
      current = false;
    };
  }, [claims, small]);
  const building = indexedInTurns?.of === claims ? indexedInTurns : null;
  const index = indexedAtOnce ?? building?.index ?? null;
  /** How many claims the search has read so far while it is still being made; null once it is whole. */
  const partly = building && building.indexed < building.index.size ? building.indexed : null;
  // Every result, and how many of them are listed: a verdict of a large feed holds thousands of
  // claims, listed a page at a time ("Show more") and counted whole.
  const found = useMemo(
    () => index?.search(query, { ...(verdict ? { verdict } : {}), ...(packId ? { packId } : {}) }, Number.MAX_SAFE_INTEGER) ?? [],
    // `partly`: the same index answers again as it reads more claims.
    [index, query, verdict, packId, partly],
  );
  // How many are listed, for the search it was set for: a new search starts from the first page.
  // Kept by the search (words, verdict, pack), not by its results: the results of one search are
  // made again as the index grows, and "Show more" fell back to the first 50 each time.
  const searchKey = JSON.stringify([query, verdict, packId]);
  const [shown, setShown] = useState<{ of: string; listed: number } | null>(null);
  const listed = shown?.of === searchKey ? shown.listed : DEFAULT_LIMIT;
  const hits = useMemo(() => found.slice(0, listed), [found, listed]);
  const verdictCounts = useMemo(() => {
    const counts = new Map<Verdict, number>();
    for (const claim of claims ?? []) counts.set(claim.verdict, (counts.get(claim.verdict) ?? 0) + 1);
    return counts;
  }, [claims]);
  const verdictsHeld = useMemo(() => VERDICTS.filter((v) => verdictCounts.has(v)), [verdictCounts]);
  const opened = openKey ? index?.get(openKey) : undefined;

  // The highlighted result follows its claim while the same search's results are made again (a
  // large store's index growing every quarter of a second): kept by its place, the reader who had
  // arrowed to one claim opened another with Enter, or none once the list grew shorter. (Read from
  // the last render, before it is written for this one below.)
  const followed = useRef<{ search: string; key: string | null }>({ search: searchKey, key: null });
  useEffect(() => {
    const held = followed.current;
    if (held.search === searchKey && held.key !== null) {
      const at = hits.findIndex((hit) => hit.key === held.key);
      if (at >= 0) {
        if (at !== active) setActive(at);
        return;
      }
    }
    if (active >= hits.length && hits.length) setActive(0);
    // On the search's results, not on how many are listed: "Show more" moves the highlight itself.
  }, [found]);
  useEffect(() => {
    followed.current = { search: searchKey, key: hits[active]?.key ?? null };
  });

  // A store found empty takes the search box away, and with it the keyboard's focus: it goes to the
  // way out, "Open settings", where it fell to the popup's body.
  const settingsRef = useRef<HTMLButtonElement>(null);
  const empty = index?.size === 0;
  useEffect(() => {
    if (empty && (!document.activeElement || document.activeElement === document.body)) settingsRef.current?.focus();
  }, [empty]);

  // Focus returns to the search box when the popup opens and when the reader comes back from a record.
  useEffect(() => {
    if (!opened) inputRef.current?.focus();
  }, [opened]);
  // The active result is kept in view; back from a record too, where the list is drawn again from its top.
  useEffect(() => {
    listRef.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active, hits, opened]);

  if (opened) return <ClaimRecord claim={opened} onBack={() => setOpenKey(null)} />;

  const optionId = (i: number) => `${id}-option-${i}`;
  const showList = hits.length > 0;

  // The browse buttons go once used, and "Show more" moves down the list: the keyboard goes back to
  // the search box (left on a browse button, it fell to the popup's top), with the claims it brought
  // in as the active result, so the arrow keys go on from there.
  function browse(chosen: Verdict) {
    setVerdict(chosen);
    setActive(0);
    inputRef.current?.focus();
  }

  // The keyboard goes back to the search box, with the first result brought in as the active one:
  // left on the button, it stayed there while the list scrolled to that result, thousands of pixels
  // above it, where the arrow keys did nothing and Enter brought in fifty more unseen.
  function showMore() {
    setShown({ of: searchKey, listed: listed + DEFAULT_LIMIT });
    setActive(hits.length);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    // A key that finishes composing Chinese or Japanese ("疫苗", then Enter to take it) is the input
    // method's, not a command to open the first result or to clear the box.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!showList) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(hits.length - 1, Math.max(0, i + step)));
    } else if (event.key === 'Enter') {
      const hit = hits[active];
      if (hit) {
        event.preventDefault();
        setOpenKey(hit.key);
      }
    } else if (event.key === 'Escape' && query) {
      // The first Escape clears the box; only an Escape on an empty box closes the popup.
      event.preventDefault();
      setQuery('');
      setActive(0);
    }
  }

  if (index?.size === 0) {
    return (
      <div class="claimlight-popup__empty">
        <p>
          <strong>No fact packs yet.</strong> Import a pack in the settings to search its claims.
        </p>
        <button type="button" ref={settingsRef} onClick={onOpenSettings}>
          Open settings
        </button>
      </div>
    );
  }

  const filtered = Boolean(verdict || packId);
  let message: ComponentChildren = null;
  if (!index) message = <p class="claimlight-popup__hint">Reading your fact packs…</p>;
  else if (!query.trim() && !filtered) {
    // An empty box is a place to start from: the claims by verdict, the problems first.
    message = (
      <>
        <p class="claimlight-popup__hint">
          Type a few words to search {plural(index.size, 'checked claim')} in {plural(packs.length, 'pack')}, or browse them by verdict.
        </p>
        <ul class="claimlight-popup__browse" aria-label="Browse by verdict">
          {BROWSE_ORDER.filter((v) => verdictCounts.has(v)).map((v) => (
            <li key={v}>
              <button type="button" class="claimlight-popup__browse-verdict" onClick={() => browse(v)}>
                <VerdictBadge verdict={v} />
                <span class="claimlight-popup__browse-count">{plural(verdictCounts.get(v)!, 'claim')}</span>
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  }
  // Said to screen readers as it changes: how many were found (and listed), or, shown to everyone,
  // that none were.
  const noMatch = Boolean(index) && !showList && Boolean(query.trim() || filtered);
  // A word searched while the index is still being made is answered from the claims read so far:
  // said once to screen readers ("Searching…"), its count shown as it grows, not read out at each turn.
  const searching = partly !== null && Boolean(query.trim());
  let status = '';
  if (searching) status = `Searching ${plural(index!.size, 'claim')}…`;
  else if (showList) status = found.length > hits.length ? `${plural(found.length, 'claim')} found, ${formatCount(hits.length)} listed` : `${plural(found.length, 'claim')} found`;
  // One letter is matched only as a word of its own (a prefix needs two): the first key typed
  // would otherwise say that nothing matches, as if the claims held nothing of the kind.
  else if (noMatch && !filtered && isOneLetter(query.trim())) status = 'Keep typing: one letter is too short to search by.';
  // Nor are words as common as "can" or "in", which the search leaves out: typed so far, they are
  // most often the start of a word ("cancer", "inflation").
  else if (noMatch && !filtered && onlyCommonWords(query)) status = `Keep typing: “${query.trim()}” ${/\s/.test(query.trim()) ? 'are too common words' : 'is too common a word'} to search by.`;
  else if (noMatch) status = `${query.trim() ? `No claims match “${query.trim()}”` : 'No claims match'}${filtered ? ' with these filters.' : '.'}`;

  return (
    <div class="claimlight-popup__search">
      <label class="claimlight-visually-hidden" for={`${id}-query`}>
        Search checked claims
      </label>
      <input
        ref={inputRef}
        id={`${id}-query`}
        class="claimlight-popup__query"
        type="search"
        placeholder="Search checked claims"
        autoComplete="off"
        spellcheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-controls={`${id}-results`}
        aria-expanded={showList}
        aria-activedescendant={showList && hits[active] ? optionId(active) : undefined}
        value={query}
        onInput={(event) => {
          setQuery((event.currentTarget as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div class="claimlight-popup__filters">
        <label>
          <span>Verdict</span>
          <select value={verdict} onChange={(event) => {
              setVerdict((event.currentTarget as HTMLSelectElement).value as Verdict | '');
              setActive(0);
            }}>
            <option value="">All verdicts</option>
            {verdictsHeld.map((v) => (
              <option key={v} value={v}>
                {VERDICT_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Pack</span>
          <select value={packId} onChange={(event) => {
              setPackId((event.currentTarget as HTMLSelectElement).value);
              setActive(0);
            }}>
            <option value="">All packs</option>
            {packs.map((pack) => (
              <option key={pack.id} value={pack.id}>
                {pack.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class={noMatch && !searching ? 'claimlight-popup__hint' : 'claimlight-visually-hidden'} role="status">
        {status}
      </p>
      {searching && (
        <p class="claimlight-popup__hint claimlight-popup__searching">
          {showList ? `${plural(found.length, 'claim')} found so far` : `No claims match “${query.trim()}” so far`}, in {formatCount(partly!)} of {plural(index!.size, 'claim')}; searching the rest…
        </p>
      )}
      {message}
      <ul ref={listRef} id={`${id}-results`} role="listbox" aria-label="Matching claims" class="claimlight-popup__results" hidden={!showList}>
        {hits.map((hit, i) => (
          <ResultOption
            key={hit.key}
            hit={hit}
            id={optionId(i)}
            active={i === active}
            // The one chosen becomes the active result: back from its record, Enter opens it again, not another.
            onChoose={() => {
              setActive(i);
              setOpenKey(hit.key);
            }}
          />
        ))}
      </ul>
      {found.length > hits.length && (
        <p class="claimlight-popup__more">
          <span>
            {formatCount(hits.length)} of {plural(found.length, 'claim')}
          </span>
          <button type="button" onClick={showMore}>
            Show {Math.min(DEFAULT_LIMIT, found.length - hits.length)} more
          </button>
        </p>
      )}
    </div>
  );
}
