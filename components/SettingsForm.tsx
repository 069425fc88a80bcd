import { settingsBytes, type Settings } from '@/lib/settings';
import { VerdictMarks } from './VerdictMarks';
import { MarkLookPreview } from './MarkLookPreview';
import { SensitivityPreview } from './SensitivityPreview';
import { SiteRules } from './SiteRules';

/** The word shown beside the sensitivity slider, so its position reads without the track. */
export function sensitivityWord(sensitivity: number): string {
  if (sensitivity <= 0.1) return 'Precise';
  if (sensitivity < 0.4) return 'Leaning precise';
  if (sensitivity <= 0.6) return 'Balanced';
  if (sensitivity < 0.9) return 'Leaning broad';
  return 'Broad';
}

/** The slider's value as a screen reader says it: the word and the position ("Leaning precise,
 * 25%"). The word alone covers several of the 21 steps, so moving by one step was heard as no move. */
export function sensitivitySpoken(sensitivity: number): string {
  return `${sensitivityWord(sensitivity)}, ${Math.round(sensitivity * 100)}%`;
}

/**
 * The reader's settings as controls: the switch, site rules, the look of marks and sensitivity,
 * each with a live preview. Controlled: every change is handed to `onChange`; storing it is the caller's job.
 */
export function SettingsForm({ settings, onChange, saveError = null }: { settings: Settings; onChange: (next: Settings) => void; saveError?: string | null }) {
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => onChange({ ...settings, [key]: value });
  const value = (event: Event) => (event.currentTarget as HTMLInputElement).value;

  return (
    <>
      <section aria-labelledby="where-heading" class="settings-where">
        <h2 id="where-heading">Where Claimlight marks claims</h2>
        <div class="switch-row">
          <input
            type="checkbox"
            role="switch"
            id="enabled"
            class="switch"
            checked={settings.enabled}
            aria-describedby="enabled-hint"
            onChange={(e) => set('enabled', (e.currentTarget as HTMLInputElement).checked)}
          />
          <label for="enabled">Mark claims on the pages I read</label>
        </div>
        <p class="hint" id="enabled-hint">
          {settings.enabled ? 'On for every site, except sites set to Never below.' : 'Off, except on sites set to Always below.'}
        </p>
        <SiteRules rules={settings.siteRules} onChange={(rules) => set('siteRules', rules)} bytesUsed={settingsBytes(settings)} saveError={saveError} />
      </section>

      <section aria-labelledby="look-heading" class="settings-look">
        <h2 id="look-heading">How marks look</h2>
        <div class="look-layout">
          <div class="look-controls">
            <fieldset>
              <legend>Mark style</legend>
              {(['underline', 'background'] as const).map((style) => (
                <label class="choice" key={style}>
                  <input type="radio" name="mark-style" value={style} checked={settings.markStyle === style} onChange={() => set('markStyle', style)} />
                  {style === 'underline' ? 'Underline' : 'Background tint'}
                </label>
              ))}
            </fieldset>
            <label class="choice">
              <input type="checkbox" checked={settings.highContrast} onChange={(e) => set('highContrast', (e.currentTarget as HTMLInputElement).checked)} />
              High contrast: thicker lines and a stronger tint
            </label>
            <VerdictMarks settings={settings} onChange={(marking) => onChange({ ...settings, ...marking })} />
          </div>
          <MarkLookPreview settings={settings} />
        </div>
      </section>

      <section aria-labelledby="sensitivity-heading" class="settings-sensitivity">
        <h2 id="sensitivity-heading">Sensitivity</h2>
        <p class="hint" id="sensitivity-hint">
          Precise marks only sentences that clearly state a known claim. Broad also marks looser paraphrases, and with them
          more sentences that are about something else.
        </p>
        <div class="range-row">
          <label for="sensitivity">Sensitivity</label>
          <span class="range-end" aria-hidden="true">
            Precise
          </span>
          <input
            type="range"
            id="sensitivity"
            min={0}
            max={1}
            step={0.05}
            value={settings.sensitivity}
            aria-valuetext={sensitivitySpoken(settings.sensitivity)}
            aria-describedby="sensitivity-hint"
            onInput={(e) => set('sensitivity', Math.round(Number(value(e)) * 100) / 100)}
          />
          <span class="range-end" aria-hidden="true">
            Broad
          </span>
          <output for="sensitivity">{sensitivityWord(settings.sensitivity)}</output>
        </div>
        <SensitivityPreview sensitivity={settings.sensitivity} marks={settings} />
      </section>
    </>
  );
}
