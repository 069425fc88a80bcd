// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupAppProps } from '@/components/PopupApp';
import { expectBundledPack } from '@/lib/bundled-pack';
import type { ClaimForCard, MentionSummary } from '@/lib/protocol';
import { contrast } from '../helpers/contrast';

const bundled = expectBundledPack();
const claims: ClaimForCard[] = bundled.claims.map((claim) => ({ ...claim, packId: bundled.id, packTitle: bundled.title }));
const packs = [{ id: bundled.id, title: bundled.title }];
afterEach(cleanup);

const mentions: MentionSummary[] = [
  { id: 3, verdict: 'accurate', claimText: 'The call lasted about 90 minutes.', text: 'Trump said his ninety-minute call with Putin went well.' },
  { id: 7, verdict: 'false', claimText: 'Ukraine will get all its land back.', text: 'Some of that land will come back, Trump said.' },
];

function renderPopup(overrides: Partial<PopupAppProps> = {}) {
  const props: PopupAppProps = {
    claims,
    packs,
    pageMentions: mentions,
    siteHost: 'news.example.com',
    siteEnabled: true,
    onRevealMention: vi.fn(),
    onSiteSwitched: vi.fn(),
    onOpenSettings: vi.fn(),
    ...overrides,
  };
  render(<PopupApp {...props} />);
  return props;
}

const searchBox = () => screen.getByRole('combobox', { name: 'Search checked claims' });
const type = (text: string) => fireEvent.input(searchBox(), { target: { value: text } });
/** The result options (the filters' <option>s have the same role, so look inside the listbox only). */
function results(): HTMLElement[] {
  const list = screen.queryByRole('listbox', { name: 'Matching claims' });
  return list ? within(list).getAllByRole('option') : [];
}

describe('PopupApp', () => {
  describe('search', () => {
    it('opens on the search view with the box focused and a hint counting the claims', () => {
      renderPopup();
      expect(screen.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true');
      expect(document.activeElement).toBe(searchBox());
      expect(screen.getByText('Type a few words to search 28 checked claims in 1 pack, or browse them by verdict.')).toBeTruthy();
    });

    it('lists results as the reader types, best first, with verdict, claim and date', () => {
      renderPopup();
      type('ninty minute call');
      const options = results();
      expect(options.length).toBeGreaterThan(1);
      expect(options[0]!.textContent).toContain('According to Peskov, the phone call went on for close to an hour and a half.');
      expect(within(options[0]!).getByText('Accurate')).toBeTruthy();
      expect(options[0]!.textContent).toContain('12 Feb 2025');
      expect(searchBox().getAttribute('aria-expanded')).toBe('true');
    });

    it('moves through the results with the arrow keys and opens one with Enter', () => {
      renderPopup();
      type('nato');
      const box = searchBox();
      expect(box.getAttribute('aria-activedescendant')).toBe(results()[0]!.id);
      fireEvent.keyDown(box, { key: 'ArrowDown' });
      const second = results()[1]!;
      expect(box.getAttribute('aria-activedescendant')).toBe(second.id);
      expect(second.getAttribute('aria-selected')).toBe('true');
      fireEvent.keyDown(box, { key: 'ArrowUp' });
      fireEvent.keyDown(box, { key: 'ArrowUp' });
      expect(box.getAttribute('aria-activedescendant')).toBe(results()[0]!.id);
      const firstText = results()[0]!.querySelector('.claimlight-popup__result-text')!.textContent!;
      fireEvent.keyDown(box, { key: 'Enter' });
      expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(firstText);
    });

    /** The record of the first result for a query, opened with a click. */
    const openRecord = (query: string) => {
      renderPopup();
      type(query);
      fireEvent.click(results()[0]!);
      return screen.getByRole('article');
    };

    it('opens the full record on click, and Back returns to the same results', () => {
      const record = openRecord('kursk swap');
      expect(within(record).getByRole('heading', { level: 2 }).textContent).toContain('trading the Ukrainian-held part');
      expect(record.textContent).toContain('What the record shows');
      expect(record.textContent).toContain(`From: ${bundled.title}`);
      const link = within(record).getAllByRole('link')[0]!;
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(link.getAttribute('href')).toMatch(/^https:\/\//);
      fireEvent.click(screen.getByRole('button', { name: 'Back to results' }));
      expect(searchBox()).toHaveProperty('value', 'kursk swap');
      expect(results().length).toBeGreaterThan(0);
      expect(document.activeElement).toBe(searchBox());
    });

    it('says in a record which report a verdict on its telling judges, as the card does', () => {
      const record = openRecord('munich defense summit');
      expect(within(record).getByRole('heading', { level: 2 }).textContent).toContain('The report calls the Munich gathering a defense summit');
      expect(record.textContent).toContain('As reported in Trump Announces Start of Ukraine War Talks Following Call with Putin, 28 Apr 2025.');
    });

    it('goes back from a record with Escape', () => {
      renderPopup();
      type('saudi');
      fireEvent.keyDown(searchBox(), { key: 'Enter' });
      fireEvent.keyDown(screen.getByRole('heading', { level: 2 }), { key: 'Escape' });
      expect(screen.queryByRole('article')).toBeNull();
      expect(searchBox()).toBeTruthy();
    });

    it('says so when no claim matches', () => {
      renderPopup();
      type('zzqx');
      expect(screen.getByText('No claims match “zzqx”.')).toBeTruthy();
      expect(results()).toHaveLength(0);
      expect(searchBox().getAttribute('aria-expanded')).toBe('false');
    });

    it('filters the results by verdict', () => {
      renderPopup();
      type('call');
      const all = results().length;
      fireEvent.change(screen.getByRole('combobox', { name: 'Verdict' }), { target: { value: 'accurate' } });
      const options = results();
      expect(options.length).toBeLessThan(all);
      for (const option of options) expect(within(option).getByText('Accurate')).toBeTruthy();
    });

    it('lists every claim of a verdict when the box is empty and a filter is set', () => {
      renderPopup();
      fireEvent.change(screen.getByRole('combobox', { name: 'Verdict' }), { target: { value: 'imprecise' } });
      const expected = claims.filter((c) => c.verdict === 'imprecise').length;
      expect(expected).toBeGreaterThan(0);
      expect(results()).toHaveLength(expected);
    });

    it('filters the results by pack', () => {
      const other: ClaimForCard = { ...claims[0]!, packId: 'other', packTitle: 'Other pack', id: 'x', text: 'The call was short.' };
      renderPopup({ claims: [...claims, other], packs: [...packs, { id: 'other', title: 'Other pack' }] });
      type('call');
      fireEvent.change(screen.getByRole('combobox', { name: 'Pack' }), { target: { value: 'other' } });
      expect(results().map((o) => o.textContent)).toEqual([expect.stringContaining('The call was short.')]);
    });

    it('offers the settings when the store holds no claims', () => {
      const props = renderPopup({ claims: [], packs: [] });
      expect(screen.getByText('No fact packs yet.')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
      expect(props.onOpenSettings).toHaveBeenCalledOnce();
    });

    it('says it is reading the store while the claims are not there yet', () => {
      renderPopup({ claims: null });
      expect(screen.getByText('Reading your fact packs…')).toBeTruthy();
    });

    it('shows a store error as an alert', () => {
      renderPopup({ storeError: 'Claimlight’s database was closed while it was in use.' });
      expect(screen.getByRole('alert').textContent).toContain('database was closed');
    });
  });

  describe('on this page', () => {
    const openPageView = () => fireEvent.click(screen.getByRole('tab', { name: /On this page/ }));

    it('counts the mentions on its tab', () => {
      renderPopup();
      expect(screen.getByRole('tab', { name: /On this page/ }).textContent).toContain('2');
    });

    it('counts no possibly related claim on its tab, as its list marks none', () => {
      renderPopup({ pageMentions: [{ ...mentions[0]!, related: true }] });
      expect(screen.getByRole('tab', { name: /On this page/ }).textContent).toBe('On this page, 0');
    });

    it('lists the mentions in reading order and reveals the one chosen', () => {
      const props = renderPopup();
      openPageView();
      const buttons = within(screen.getByRole('list', { name: /Claims on this page/ })).getAllByRole('button');
      expect(buttons.map((b) => b.textContent)).toEqual([
        expect.stringContaining('The call lasted about 90 minutes.'),
        expect.stringContaining('Ukraine will get all its land back.'),
      ]);
      expect(buttons[1]!.textContent).toContain('Some of that land will come back, Trump said.');
      fireEvent.click(buttons[1]!);
      expect(props.onRevealMention).toHaveBeenCalledWith(7);
    });

    it.each([
      [{ pageMentions: 'unavailable' as const, siteHost: null }, "Claimlight can't run on this page."],
      [{ siteEnabled: false }, 'Claimlight is off on this site.'],
      [{ pageMentions: [] }, 'No checked claims found on this page.'],
      [{ pageMentions: 'loading' as const }, 'Looking for claims on this page…'],
    ])('shows a state for %o', (overrides, text) => {
      renderPopup(overrides);
      openPageView();
      expect(screen.getByText(text)).toBeTruthy();
      expect(screen.queryByRole('list', { name: /Claims on this page/ })).toBeNull();
    });

    it('switches views with the arrow keys', () => {
      renderPopup();
      fireEvent.keyDown(screen.getByRole('tab', { name: 'Search' }), { key: 'ArrowRight' });
      const pageTab = screen.getByRole('tab', { name: /On this page/ });
      expect(pageTab.getAttribute('aria-selected')).toBe('true');
      expect(document.activeElement).toBe(pageTab);
      expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(pageTab.id);
    });
  });

  describe('site switch', () => {
    it('shows whether Claimlight is on for the site and asks to switch it', () => {
      const props = renderPopup({ siteEnabled: true });
      const toggle = screen.getByRole('switch', { name: 'Claimlight on this site' });
      expect(toggle.getAttribute('aria-checked')).toBe('true');
      expect(screen.getByText('news.example.com')).toBeTruthy();
      fireEvent.click(toggle);
      expect(props.onSiteSwitched).toHaveBeenCalledWith(false);
    });

    it('names a site in another script as it is written', () => {
      renderPopup({ siteHost: 'xn--mnchen-3ya.de' });
      expect(screen.getByText('münchen.de')).toBeTruthy();
    });

    it('asks to switch an off site on', () => {
      const props = renderPopup({ siteEnabled: false });
      fireEvent.click(screen.getByRole('switch', { name: 'Claimlight on this site' }));
      expect(props.onSiteSwitched).toHaveBeenCalledWith(true);
    });

    it('is disabled on a page without a site', () => {
      renderPopup({ siteHost: null, pageMentions: 'unavailable' });
      expect(screen.getByRole('switch', { name: 'Claimlight on this site' })).toHaveProperty('disabled', true);
      expect(screen.getByText('Not available here')).toBeTruthy();
    });
  });

  describe('axe', () => {
    /** Every finding axe makes, of any impact; colour contrast needs layout, and the popup is no page with regions. */
    async function violations(): Promise<string[]> {
      const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
      return results.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    const withRelated: MentionSummary[] = [...mentions, { id: 9, verdict: 'disputed', claimText: 'A related claim.', text: 'Close words.', related: true }];

    it('finds nothing in the page view with mentions, possibly related claims, a notice and an error', async () => {
      renderPopup({ pageMentions: withRelated, initialView: 'page', pageNotice: 'Old news.', marksHidden: false, onHideMarks: vi.fn(), siteError: 'Not saved.' });
      expect(await violations()).toEqual([]);
    });

    it('finds nothing in the search view with results listed, beside a page with possibly related claims', async () => {
      renderPopup({ pageMentions: withRelated });
      type('call');
      expect(await violations()).toEqual([]);
    });
  });

  describe('style', () => {
    const css = readFileSync('entrypoints/popup/style.css', 'utf8');
    /** The rules inside the first `@media (<query>)` block. */
    const mediaBlock = (query: string) => css.slice(css.indexOf(`@media (${query})`)).split(/\n\}|\} \}/)[0]!;

    it('outlines the active result and the pressed "Hide marks" in forced colours, which drop their background and shadow', () => {
      const forced = mediaBlock('forced-colors: active');
      expect(forced).toMatch(/\.claimlight-popup__result\.is-active \{[^}]*outline:/);
      expect(forced).toMatch(/\.claimlight-popup__hide-marks button\[aria-pressed='true'\] \{[^}]*outline:/);
    });

    it('stops the site switch\'s movement when the reader asks for less motion', () => {
      const reduced = mediaBlock('prefers-reduced-motion: reduce');
      expect(reduced).toContain('.claimlight-popup__switch-track');
      expect(reduced).toContain('.claimlight-popup__switch-thumb');
      expect(reduced).toContain('transition: none');
    });

    it('wraps a word too long for the popup rather than widen it', () => {
      expect(css).toMatch(/\nbody \{[^}]*overflow-wrap: anywhere/);
    });

    it('keeps the site switch\'s host on one line, and lets a source\'s long address in the record wrap', () => {
      // One class served both: a long source address never wrapped, and the record scrolled sideways.
      const style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
      try {
        renderPopup({ siteHost: 'www.regional-evening-chronicle-and-county-gazette-newsroom.example.co.uk' });
        const switchHost = document.getElementById(screen.getByRole('switch', { name: 'Claimlight on this site' }).getAttribute('aria-describedby')!)!;
        expect(getComputedStyle(switchHost).whiteSpace).toBe('nowrap');
        // Cut on one line: the whole host is there on hover.
        expect(switchHost.title).toBe('www.regional-evening-chronicle-and-county-gazette-newsroom.example.co.uk');
        type('kursk swap');
        fireEvent.click(results()[0]!);
        const links = within(screen.getByRole('article')).getAllByRole('link');
        const hosts = links.map((link) => [...link.querySelectorAll('span')].find((span) => span.textContent!.trim() === new URL(link.getAttribute('href')!).hostname)!);
        expect(hosts.length).toBeGreaterThan(0);
        for (const host of hosts) expect(getComputedStyle(host).whiteSpace).not.toBe('nowrap');
      } finally {
        style.remove();
      }
    });

    describe('colours', () => {
      /** The #rrggbb custom properties set in a block of rules. */
      const properties = (block: string) => Object.fromEntries([...block.matchAll(/(--[\w-]+): (#[0-9a-f]{6});/gi)].map((m) => [m[1]!, m[2]!]));
      const light = properties(css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {'))));
      const dark = { ...light, ...properties(mediaBlock('prefers-color-scheme: dark')) };
      /** The colour a rule gives, read through a custom property where it names one. */
      const colourOf = (selector: string, scheme: Record<string, string>) => {
        const value = new RegExp(`\n${selector.replace(/[.]/g, '\\.')} \\{[^}]*[^-]color: ([^;]+);`).exec(css)![1]!;
        const name = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
        return name ? scheme[name]! : value;
      };

      // In dark mode the warning was the light theme's red on the dark background, 2.47:1.
      it.each([
        ['light', light],
        ['dark', dark],
      ])('gives a look-alike address\'s warning 4.5:1 on the background in %s mode', (_, scheme) => {
        expect(contrast(colourOf('.claimlight-popup__host-warning', scheme), scheme['--bg']!)).toBeGreaterThanOrEqual(4.5);
      });
    });
  });

  it('opens the settings', () => {
    const props = renderPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(props.onOpenSettings).toHaveBeenCalledOnce();
  });
});
