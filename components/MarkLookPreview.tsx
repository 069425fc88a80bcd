import { focusDeclarations, forcedColorsRule, mentionDeclarations, type MarkSettings } from '@/lib/mark-style';
import type { Settings } from '@/lib/settings';
import { MENTION_VERDICTS, VERDICT_LABELS, type MentionVerdict } from '@/lib/verdicts';

// Invented, neutral sentences: the preview shows a look, not a real claim.
const SAMPLES: Record<MentionVerdict, string> = {
  accurate: 'The city’s budget grew by four percent last year.',
  'accurate-but-misdated': 'The mayor opened the new library this week.',
  misattributed: '“Cities are built by their libraries,” the mayor said.',
  imprecise: 'Crime has doubled since the tram line opened.',
  disputed: 'The new ring road will halve commuting times.',
  false: 'The river bridge was closed for good in 2019.',
  unverified: 'Insiders say the stadium will be sold next month.',
  opinion: 'This is the best-run council in the country.',
  unrated: 'Bus fares here are the highest in the region.',
  context: 'The council met on Tuesday to discuss the harbour.',
};

/** A sample sentence per verdict, marked as a page would show it under these settings. */
export function MarkLookPreview({ settings }: { settings: MarkSettings & Pick<Settings, 'markedVerdicts' | 'othersFaint'> }) {
  return (
    <figure class="mark-preview">
      {/* The samples' lines in a contrast theme, as the page's marks draw them there. */}
      <style>
        {forcedColorsRule(settings, {
          verdict: (verdict) => `.mark-preview [data-verdict='${verdict}'][data-marked='full']`,
          faint: ".mark-preview [data-marked='faint']",
          focus: ".mark-preview [data-verdict='focus']",
        })}
      </style>
      <figcaption id="mark-preview-caption">Preview, as on a light news page</figcaption>
      <ul class="claimlight-page-sample" aria-labelledby="mark-preview-caption">
        {MENTION_VERDICTS.map((verdict) => (
          <li key={verdict}>
            <span class="sample-verdict">{VERDICT_LABELS[verdict]}</span>
            <span class="sample-text">
              <span data-verdict={verdict} data-marked={settings.markedVerdicts.includes(verdict) ? 'full' : settings.othersFaint ? 'faint' : 'none'} style={mentionDeclarations(settings, verdict) || undefined}>
                {SAMPLES[verdict]}
              </span>
            </span>
          </li>
        ))}
        <li>
          <span class="sample-verdict">Keyboard focus</span>
          <span class="sample-text">
            <span data-verdict="focus" style={focusDeclarations(settings)}>
              The mark you reached with the keyboard.
            </span>
          </span>
        </li>
      </ul>
    </figure>
  );
}
