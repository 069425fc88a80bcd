// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsForm } from '@/components/SettingsForm';
import { DEFAULT_SETTINGS, SYNC_ITEM_BYTES, settingsBytes, type Settings, type SiteRule } from '@/lib/settings';
import { MENTION_VERDICTS as VERDICTS, VERDICT_LABELS } from '@/lib/verdicts';

afterEach(cleanup);

/** Renders the form over state of its own, as the page does; returns every settings value handed out. */
function renderForm(initial: Partial<Settings> = {}) {
  const changes: Settings[] = [];
  function Harness() {
    const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS, ...initial });
    return (
      <SettingsForm
        settings={settings}
        onChange={(next) => {
          changes.push(next);
          setSettings(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { changes, last: () => changes[changes.length - 1] };
}

function addRule(pattern: string, mode: 'Always' | 'Never') {
  fireEvent.input(screen.getByLabelText('Site'), { target: { value: pattern } });
  fireEvent.change(screen.getByLabelText('Claimlight on this site'), { target: { value: mode.toLowerCase() } });
  fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
}

const sample = (verdict: string) => document.querySelector<HTMLElement>(`.mark-preview [data-verdict='${verdict}']`)!;

describe('SettingsForm', () => {
  describe('the switch', () => {
    it('turns Claimlight off and says what still runs', () => {
      const { last } = renderForm();
      const toggle = screen.getByRole('switch', { name: 'Mark claims on the pages I read' });
      expect((toggle as HTMLInputElement).checked).toBe(true);
      fireEvent.click(toggle);
      expect(last()?.enabled).toBe(false);
      expect(screen.getByText('Off, except on sites set to Always below.')).toBeTruthy();
    });
  });

  describe('site rules', () => {
    it('adds a rule from a pasted address, cut down to its host', () => {
      const { last } = renderForm();
      addRule('https://www.Example.com/world/story', 'Always');
      expect(last()?.siteRules).toEqual([{ pattern: 'www.example.com', mode: 'always' }]);
      const item = within(screen.getByRole('list', { name: 'Site rules' })).getByRole('listitem');
      expect(item.textContent).toContain('www.example.com');
      expect(item.textContent).toContain('Always');
      expect((screen.getByLabelText('Site') as HTMLInputElement).value).toBe('');
    });

    it('changes the mode when a site is added again', () => {
      const { last } = renderForm({ siteRules: [{ pattern: '*.example.com', mode: 'never' }] });
      addRule('*.example.com', 'Always');
      expect(last()?.siteRules).toEqual([{ pattern: '*.example.com', mode: 'always' }]);
    });

    it.each([['not a site!'], ['http://'], ['*.']])('refuses "%s" with an inline error and changes nothing', (typed) => {
      const { changes } = renderForm();
      addRule(typed, 'Never');
      expect(screen.getByRole('alert').textContent).toContain('for every subdomain');
      expect(screen.getByLabelText('Site').getAttribute('aria-invalid')).toBe('true');
      expect(changes).toEqual([]);
    });

    it('asks for a site when the box is empty', () => {
      const { changes } = renderForm();
      fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
      expect(screen.getByRole('alert').textContent).toBe('Type a site first, such as example.com.');
      expect(changes).toEqual([]);
    });

    it('says each change of the rules in a status region that is in the page from the start, the warning near the limit with it', () => {
      // As many rules as leave room, under 85% of the 8 KB, for the first rule added below.
      const rules: SiteRule[] = [];
      const harbour: SiteRule = { pattern: 'www.harbour-news.example', mode: 'always' };
      const numbered = (i: number): SiteRule => ({ pattern: `site-number-${i}.example`, mode: 'never' });
      while (settingsBytes({ ...DEFAULT_SETTINGS, siteRules: [...rules, numbered(rules.length), harbour] }) <= 0.85 * SYNC_ITEM_BYTES - 10) rules.push(numbered(rules.length));
      renderForm({ siteRules: rules });
      const status = document.querySelector('.rule-status')!;
      expect(status.getAttribute('role')).toBe('status');
      expect(status.textContent).toBe('');
      addRule('https://www.harbour-news.example/story', 'Never');
      expect(status.textContent).toBe('Added: Never on www.harbour-news.example.');
      addRule('www.harbour-news.example', 'Always');
      expect(status.textContent).toBe('Changed: Always on www.harbour-news.example.');
      // The rules pass 85% of the 8 KB: said with the change that took them there.
      addRule('another-rather-long-site-name-for-the-list.example', 'Never');
      expect(status.textContent).toMatch(/^Added: Never on another-rather-long-site-name-for-the-list\.example\. Your settings take \d+\.\d KB of the 8 KB/);
      fireEvent.click(screen.getByRole('button', { name: 'Remove the rule for www.harbour-news.example' }));
      expect(status.textContent).toMatch(/^Removed the rule for www\.harbour-news\.example\./);
      expect(document.querySelector('.rule-status')).toBe(status);
    });

    it('says a rule added again as it was is already set, and changes nothing', () => {
      const { changes } = renderForm({ siteRules: [{ pattern: 'harbour-news.example', mode: 'never' }] });
      addRule('https://harbour-news.example/today', 'Never');
      expect(document.querySelector('.rule-status')!.textContent).toBe('Already set: Never on harbour-news.example.');
      expect(changes).toEqual([]);
    });

    it('says when the rules near the 8 KB the browser keeps for the settings, and not before', () => {
      renderForm({ siteRules: Array.from({ length: 20 }, (_, i) => ({ pattern: `site-number-${i}.example`, mode: 'never' as const })) });
      expect(screen.queryByText(/the browser keeps for them/)).toBeNull();
      cleanup();
      renderForm({ siteRules: Array.from({ length: 150 }, (_, i) => ({ pattern: `site-number-${i}.example`, mode: 'never' as const })) });
      expect(screen.getByText(/Your settings take \d+\.\d KB of the 8 KB the browser keeps for them/).getAttribute('role')).toBe('status');
    });

    it('shows a rule for a site in another script as it is written, not in the browser\'s ASCII form, and a look-alike in ASCII', () => {
      const { last } = renderForm({
        siteRules: [
          { pattern: 'xn--mnchen-3ya.de', mode: 'never' },
          { pattern: '*.xn--bcher-kva.de', mode: 'always' },
          // "раураl.com", Cyrillic letters but for the Latin "l": shown as the browser writes it.
          { pattern: 'xn--l-7sba6dbr.com', mode: 'never' },
        ],
      });
      expect(screen.getByText('münchen.de')).toBeTruthy();
      expect(screen.getByText('*.bücher.de')).toBeTruthy();
      expect(screen.getByText('xn--l-7sba6dbr.com')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Remove the rule for münchen.de' }));
      expect(last()?.siteRules.map((rule) => rule.pattern)).toEqual(['*.xn--bcher-kva.de', 'xn--l-7sba6dbr.com']);
    });

    it('removes one rule and keeps the others', () => {
      const { last } = renderForm({
        siteRules: [
          { pattern: '*.example.com', mode: 'never' },
          { pattern: 'news.example.org', mode: 'always' },
        ],
      });
      fireEvent.click(screen.getByRole('button', { name: 'Remove the rule for *.example.com' }));
      expect(last()?.siteRules).toEqual([{ pattern: 'news.example.org', mode: 'always' }]);
      expect(screen.queryByText('*.example.com')).toBeNull();
    });

    it('removes one rule for a double-click on its Remove, not the next rule too, which slides into its place', () => {
      const { last } = renderForm({ siteRules: ['a.example', 'b.example', 'c.example'].map((pattern) => ({ pattern, mode: 'never' as const })) });
      const button = screen.getByRole('button', { name: 'Remove the rule for a.example' });
      fireEvent.click(button, { detail: 1 });
      // The second click of the pair lands on what is under the pointer now: the next rule's button.
      fireEvent.click(screen.getByRole('button', { name: 'Remove the rule for b.example' }), { detail: 2 });
      expect(last()?.siteRules.map((rule) => rule.pattern)).toEqual(['b.example', 'c.example']);
      // A click after it, on its own, removes as ever.
      fireEvent.click(screen.getByRole('button', { name: 'Remove the rule for b.example' }), { detail: 1 });
      expect(last()?.siteRules.map((rule) => rule.pattern)).toEqual(['c.example']);
    });

    it('keeps focus in the rules after a removal: on the next rule\'s Remove, else the one before, else the heading', () => {
      renderForm({ siteRules: ['a.example', 'b.example', 'c.example'].map((pattern) => ({ pattern, mode: 'never' as const })) });
      const remove = (pattern: string) => {
        const button = screen.getByRole('button', { name: `Remove the rule for ${pattern}` });
        button.focus();
        fireEvent.click(button);
      };
      remove('a.example');
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove the rule for b.example' }));
      remove('c.example');
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove the rule for b.example' }));
      remove('b.example');
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Site rules' }));
    });
  });

  describe('the look of marks', () => {
    it('offers a labelled colour for every verdict, starting at the defaults', () => {
      renderForm();
      for (const verdict of VERDICTS) {
        const input = screen.getByLabelText(`${VERDICT_LABELS[verdict]} colour`) as HTMLInputElement;
        expect(input.type).toBe('color');
        expect(input.value).toMatch(/^#[0-9a-f]{6}$/);
      }
      expect(VERDICTS).toHaveLength(10);
    });

    it('marks the problems by default, the rest faintly, and lets the reader choose each verdict', () => {
      const form = renderForm();
      const { last } = form;
      const ticked = VERDICTS.filter((verdict) => (screen.getByRole('checkbox', { name: VERDICT_LABELS[verdict] }) as HTMLInputElement).checked);
      expect(ticked).toEqual(['accurate-but-misdated', 'misattributed', 'imprecise', 'disputed', 'false', 'unverified']);
      expect(sample('false').dataset.marked).toBe('full');
      expect(sample('accurate').dataset.marked).toBe('faint');
      expect(sample('accurate').getAttribute('style')).toContain('dotted');
      // In a contrast theme the samples' lines are borders, each in its verdict's style.
      const forced = document.querySelector('.mark-preview style')!.textContent!;
      expect(forced).toMatch(/^@media \(forced-colors: active\)/);
      expect(forced).toContain(".mark-preview [data-verdict='false'][data-marked='full'] { border-bottom: 3px double CanvasText; }");
      fireEvent.click(screen.getByRole('checkbox', { name: 'Accurate' }));
      expect(last()?.markedVerdicts).toEqual(['accurate', 'accurate-but-misdated', 'misattributed', 'imprecise', 'disputed', 'false', 'unverified']);
      expect(sample('accurate').dataset.marked).toBe('full');
      fireEvent.click(screen.getByRole('checkbox', { name: 'Show the other mentions with a faint dotted line' }));
      expect(last()?.othersFaint).toBe(false);
      expect(sample('context').dataset.marked).toBe('none');
      expect(sample('context').getAttribute('style') ?? '').toBe('');
      screen.getByRole<HTMLButtonElement>('button', { name: 'Mark only the problems' }).focus();
      fireEvent.click(screen.getByRole('button', { name: 'Mark only the problems' }));
      expect(last()?.markedVerdicts).toEqual(DEFAULT_SETTINGS.markedVerdicts);
      // Said to be unavailable, and a second press changes nothing; the keyboard stays on it.
      const only = screen.getByRole('button', { name: 'Mark only the problems' });
      expect(only.getAttribute('aria-disabled')).toBe('true');
      expect(document.activeElement).toBe(only);
      const { changes } = form;
      const before = changes.length;
      fireEvent.click(only);
      expect(changes.length).toBe(before);
    });

    it('switches the preview to a background tint', () => {
      const { last } = renderForm();
      const underlined = sample('false').getAttribute('style');
      fireEvent.click(screen.getByRole('radio', { name: 'Background tint' }));
      expect(last()?.markStyle).toBe('background');
      expect(sample('false').getAttribute('style')).not.toBe(underlined);
      expect(sample('false').getAttribute('style')).toContain('0.22');
    });

    it('thickens the preview’s lines in high contrast', () => {
      const { last } = renderForm({ markedVerdicts: ['accurate'] });
      expect(sample('accurate').getAttribute('style')).toContain('2px');
      fireEvent.click(screen.getByRole('checkbox', { name: /High contrast/ }));
      expect(last()?.highContrast).toBe(true);
      expect(sample('accurate').getAttribute('style')).toContain('3px');
    });

    it('recolours one verdict in the preview and resets every colour', () => {
      const { last } = renderForm();
      fireEvent.input(screen.getByLabelText('False colour'), { target: { value: '#123456' } });
      expect(last()?.colors).toEqual({ false: '#123456' });
      expect(sample('false').getAttribute('style')).toContain('#123456');
      expect(sample('accurate').getAttribute('style')).not.toContain('#123456');
      const reset = screen.getByRole('button', { name: 'Reset colours' });
      reset.focus();
      fireEvent.click(reset);
      expect(last()?.colors).toEqual({});
      expect(sample('false').getAttribute('style')).not.toContain('#123456');
      // Nothing left to reset: said so, with the keyboard still on it (a disabled button drops it).
      expect(reset.getAttribute('aria-disabled')).toBe('true');
      expect(document.activeElement).toBe(reset);
    });

    it('drops an override that is set back to the default colour', () => {
      const { last } = renderForm({ colors: { accurate: '#000000' } });
      fireEvent.input(screen.getByLabelText('Accurate colour'), { target: { value: '#1A7F37' } });
      expect(last()?.colors).toEqual({});
    });
  });

  describe('sensitivity', () => {
    it('marks the loose paraphrase only when moved to broad', () => {
      const { last } = renderForm();
      const slider = screen.getByRole('slider', { name: 'Sensitivity' });
      fireEvent.input(slider, { target: { value: '0' } });
      expect(last()?.sensitivity).toBe(0);
      expect(screen.getByText('2 of 5 sentences marked.')).toBeTruthy();
      expect(slider.getAttribute('aria-valuetext')).toBe('Precise, 0%');
      fireEvent.input(slider, { target: { value: '1' } });
      expect(last()?.sensitivity).toBe(1);
      expect(screen.getByText('4 of 5 sentences marked.')).toBeTruthy();
      expect(slider.getAttribute('aria-valuetext')).toBe('Broad, 100%');
      const paraphrase = within(document.querySelector('.preview-results')!).getAllByRole('listitem')[3]!;
      // A sample with no date is not judged misdated: the record shows as context.
      expect(paraphrase.textContent).toContain('marked faintly, Context');
    });

    it('tells a screen reader where the slider stands, not only the word beside it', () => {
      // Only five words for 21 steps: 0.15 to 0.35 were all heard as "Leaning precise".
      const { last } = renderForm();
      const slider = screen.getByRole('slider', { name: 'Sensitivity' });
      const heard = ['0.15', '0.2', '0.25', '0.3', '0.35'].map((value) => {
        fireEvent.input(slider, { target: { value } });
        return slider.getAttribute('aria-valuetext');
      });
      expect(last()?.sensitivity).toBe(0.35);
      expect(heard).toEqual(['Leaning precise, 15%', 'Leaning precise, 20%', 'Leaning precise, 25%', 'Leaning precise, 30%', 'Leaning precise, 35%']);
      // The word shown beside the track stays a word.
      expect(document.querySelector('output[for="sensitivity"]')!.textContent).toBe('Leaning precise');
    });
  });
});
