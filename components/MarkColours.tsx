import { defaultMarkColour } from '@/lib/mark-style';
import { VERDICTS, type Verdict } from '@/lib/schema';
import type { Settings } from '@/lib/settings';
import { VERDICT_LABELS } from '@/lib/verdicts';

type Colours = Settings['colors'];

/** A colour picker per verdict and a reset; a colour set back to its default is dropped from the overrides. */
export function MarkColours({ colors, onChange }: { colors: Colours; onChange: (next: Colours) => void }) {
  function pick(verdict: Verdict, value: string) {
    const next = { ...colors };
    if (value.toLowerCase() === defaultMarkColour(verdict)) delete next[verdict];
    else next[verdict] = value.toLowerCase();
    onChange(next);
  }

  return (
    <fieldset class="mark-colours">
      <legend>Colour of each verdict</legend>
      <div class="colour-grid">
        {VERDICTS.map((verdict) => (
          <div class="colour-field" key={verdict}>
            <input
              type="color"
              id={`colour-${verdict}`}
              value={colors[verdict] ?? defaultMarkColour(verdict)}
              onInput={(e) => pick(verdict, (e.currentTarget as HTMLInputElement).value)}
            />
            <label for={`colour-${verdict}`}>{VERDICT_LABELS[verdict]}</label>
          </div>
        ))}
      </div>
      <button type="button" onClick={() => onChange({})} disabled={Object.keys(colors).length === 0}>
        Reset colours
      </button>
    </fieldset>
  );
}
