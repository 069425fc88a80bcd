import { defaultMarkColour } from '@/lib/mark-style';
import type { Settings } from '@/lib/settings';
import { MENTION_VERDICTS, PROBLEM_VERDICTS, VERDICT_LABELS, type MentionVerdict } from '@/lib/verdicts';

type Colours = Settings['colors'];
type Marking = Pick<Settings, 'colors' | 'markedVerdicts' | 'othersFaint'>;

/**
 * Per verdict: whether its mentions are marked, and in what colour; then what becomes of the
 * rest (a faint line, or no mark). A colour set back to its default is dropped from the overrides.
 */
export function VerdictMarks({ settings, onChange }: { settings: Marking; onChange: (next: Marking) => void }) {
  const { colors, markedVerdicts } = settings;
  function pick(verdict: MentionVerdict, value: string) {
    const next: Colours = { ...colors };
    if (value.toLowerCase() === defaultMarkColour(verdict)) delete next[verdict];
    else next[verdict] = value.toLowerCase();
    onChange({ ...settings, colors: next });
  }
  function mark(verdict: MentionVerdict, on: boolean) {
    // Kept in the verdicts' own order, so that the stored list does not depend on the clicks.
    const next = MENTION_VERDICTS.filter((v) => (v === verdict ? on : markedVerdicts.includes(v)));
    onChange({ ...settings, markedVerdicts: next });
  }
  const problemsOnly = markedVerdicts.length === PROBLEM_VERDICTS.length && PROBLEM_VERDICTS.every((v) => markedVerdicts.includes(v));
  const coloursAsDefault = Object.keys(colors).length === 0;

  return (
    <fieldset class="mark-colours">
      <legend>Which verdicts are marked, and their colours</legend>
      <p class="hint" id="marked-hint">
        Ticked verdicts are marked in their own look. The popup lists every mention either way.
      </p>
      <div class="colour-grid" aria-describedby="marked-hint">
        {MENTION_VERDICTS.map((verdict) => (
          <div class="colour-field" key={verdict}>
            <input
              type="checkbox"
              id={`mark-${verdict}`}
              checked={markedVerdicts.includes(verdict)}
              onChange={(e) => mark(verdict, (e.currentTarget as HTMLInputElement).checked)}
            />
            <input
              type="color"
              id={`colour-${verdict}`}
              // The label names the tick box (marking is the choice most readers make); the
              // colour's name starts with the same visible word.
              aria-label={`${VERDICT_LABELS[verdict]} colour`}
              value={colors[verdict] ?? defaultMarkColour(verdict)}
              onInput={(e) => pick(verdict, (e.currentTarget as HTMLInputElement).value)}
            />
            <label for={`mark-${verdict}`}>
              {VERDICT_LABELS[verdict]}
            </label>
          </div>
        ))}
      </div>
      <label class="choice">
        <input type="checkbox" checked={settings.othersFaint} onChange={(e) => onChange({ ...settings, othersFaint: (e.currentTarget as HTMLInputElement).checked })} />
        Show the other mentions with a faint dotted line
      </label>
      <div class="button-row">
        {/* aria-disabled, not disabled: a button that disables itself as it is used drops the
            keyboard focus to the page's top. */}
        <button type="button" onClick={() => !problemsOnly && onChange({ ...settings, markedVerdicts: [...PROBLEM_VERDICTS] })} aria-disabled={problemsOnly}>
          Mark only the problems
        </button>
        <button type="button" onClick={() => !coloursAsDefault && onChange({ ...settings, colors: {} })} aria-disabled={coloursAsDefault}>
          Reset colours
        </button>
      </div>
    </fieldset>
  );
}
