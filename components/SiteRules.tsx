import { useRef, useState } from 'preact/hooks';
import { displayHost } from '@/lib/links';
import { normalizeHostPattern, SYNC_ITEM_BYTES, type SiteRule } from '@/lib/settings';
import { isRepeatedClick, useFocusAfterRemoval } from './focus-after-removal';

const MODE_WORDS: Record<SiteRule['mode'], string> = { always: 'Always', never: 'Never' };

/** Past this share of the item the browser keeps the settings in, the list says so before it fills. */
const NEARLY_FULL = 0.85;

/** The per-site rules: lists them, adds one from a typed pattern, removes each. Controlled.
 * `bytesUsed`: what the whole settings take of the browser's one item for them (`settingsBytes`). */
/** `saveError`: why the settings' last write failed, if it did: said beside the form in place of
 * what the last change did, which a failed write did not do ("Added: …" of a rule the browser
 * refused to store, with the page's message far above a long list). */
export function SiteRules({ rules, onChange, bytesUsed = 0, saveError = null }: { rules: SiteRule[]; onChange: (next: SiteRule[]) => void; bytesUsed?: number; saveError?: string | null }) {
  const [typed, setTyped] = useState('');
  const [mode, setMode] = useState<SiteRule['mode']>('never');
  const [error, setError] = useState<string | null>(null);
  /** What the last change did, said in the rules' status region. */
  const [said, setSaid] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterRemoval = useFocusAfterRemoval(headingRef);

  function add(event: Event) {
    event.preventDefault();
    if (!typed.trim()) {
      setError('Type a site first, such as example.com.');
      return;
    }
    const pattern = normalizeHostPattern(typed);
    if (!pattern) {
      setError(`“${typed.trim()}” is not a site Claimlight can match. Write a host such as example.com, or *.example.com for every subdomain.`);
      return;
    }
    // A site has one rule: adding it again changes its mode, or, the same, is said to be there.
    const had = rules.some((rule) => rule.pattern === pattern);
    if (rules.some((rule) => rule.pattern === pattern && rule.mode === mode)) {
      setTyped('');
      setError(null);
      setSaid(`Already set: ${MODE_WORDS[mode]} on ${displayHost(pattern)}.`);
      return;
    }
    onChange([...rules.filter((rule) => rule.pattern !== pattern), { pattern, mode }]);
    setTyped('');
    setError(null);
    setSaid(`${had ? 'Changed' : 'Added'}: ${MODE_WORDS[mode]} on ${displayHost(pattern)}.`);
  }

  return (
    <div class="site-rules">
      <h3 id="site-rules-heading" ref={headingRef} tabIndex={-1}>
        Site rules
      </h3>
      <p class="hint" id="site-rules-hint">
        <strong>Always</strong> marks claims on a site even while Claimlight is switched off; <strong>Never</strong> keeps a site
        free of marks. A rule for the site itself wins over one for its whole domain; between two as close, Never wins.
      </p>
      {rules.length === 0 ? (
        <p class="empty">No site rules yet.</p>
      ) : (
        <ul class="rule-list" aria-labelledby="site-rules-heading">
          {rules.map((rule, i) => (
            <li key={`${rule.pattern} ${rule.mode}`}>
              <span class="rule-pattern">{displayHost(rule.pattern)}</span>
              <span class={`rule-mode ${rule.mode}`}>{MODE_WORDS[rule.mode]}</span>
              <button
                type="button"
                class="danger"
                aria-label={`Remove the rule for ${displayHost(rule.pattern)}`}
                onClick={(event) => {
                  if (isRepeatedClick(event)) return;
                  focusAfterRemoval.removing(event.currentTarget);
                  onChange(rules.filter((_, j) => j !== i));
                  setSaid(`Removed the rule for ${displayHost(rule.pattern)}.`);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="rule-form" onSubmit={add} noValidate>
        <div class="field">
          <label for="site-pattern">Site</label>
          <input
            id="site-pattern"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="example.com"
            value={typed}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'site-pattern-help site-pattern-error' : 'site-pattern-help'}
            onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="site-mode">Claimlight on this site</label>
          <select id="site-mode" value={mode} onChange={(e) => setMode((e.currentTarget as HTMLSelectElement).value as SiteRule['mode'])}>
            <option value="always">Always</option>
            <option value="never">Never</option>
          </select>
        </div>
        <button type="submit">Add rule</button>
      </form>
      <p class="hint" id="site-pattern-help">
        example.com (with or without www.), or *.example.com for every subdomain. A pasted address is cut down to its host.
      </p>
      {/* One status region, in the page from the start (a region that appears with its text is
          mostly not read out): what the last change did, and the warning when the list nears the
          browser's limit. */}
      <p class="hint rule-status" role="status">
        {said && saveError ? saveError : said}
        {said && bytesUsed > NEARLY_FULL * SYNC_ITEM_BYTES && ' '}
        {bytesUsed > NEARLY_FULL * SYNC_ITEM_BYTES &&
          `Your settings take ${(bytesUsed / 1024).toFixed(1)} KB of the ${SYNC_ITEM_BYTES / 1024} KB the browser keeps for them, most of it site rules. Remove some before adding many more, or the browser will refuse to save them.`}
      </p>
      {error && (
        <p class="field-error" id="site-pattern-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
