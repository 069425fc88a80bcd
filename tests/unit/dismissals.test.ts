import { describe, expect, it } from 'vitest';
import {
  MAX_DISMISSALS,
  NO_DISMISSALS,
  dismissalsFrom,
  hiddenOn,
  matchKey,
  pageKeyOf,
  withChanges,
  withClaimDismissal,
  withPageDismissal,
  withoutClaimDismissal,
  withoutPageDismissal,
  reportsFile,
  takenBack,
  withReport,
} from '@/lib/dismissals';

const page = 'https://news.example/2025/02/story';
const match = { page, claimKey: 'bundled/call', claimText: 'The call lasted 90 minutes.', text: 'The call ran for an hour and a half.', at: '2026-12-03T10:00:00.000Z' };

describe('dismissals', () => {
  it('keeps a record written before records were cut, cutting it as it is read', () => {
    const long = { url: `https://news.example/a?${'q'.repeat(6_000)}`, claimKey: 'bundled/call', claimText: 'c', text: 'short', at: '2026-12-03T10:00:00.000Z' };
    const read = dismissalsFrom({ onPage: [{ ...match, text: 'y'.repeat(6_000) }], everywhere: [], reports: [long] });
    expect(read.reports).toHaveLength(1);
    expect(read.reports[0]!.url.length).toBeLessThanOrEqual(5_000);
    expect(read.onPage).toHaveLength(1);
    expect(read.onPage[0]!.text.length).toBeLessThanOrEqual(5_000);
  });

  it('names a page by its address without query or fragment', () => {
    expect(pageKeyOf('https://news.example/2025/02/story?utm_source=x#comments')).toBe(page);
    expect(pageKeyOf('not a url')).toBe('not a url');
  });

  it('hides a rejected match on its page only, and a claim rejected everywhere on every page', () => {
    const list = withClaimDismissal(withPageDismissal(NO_DISMISSALS, match), { claimKey: 'bundled/other', claimText: 'Other.', at: match.at });
    const here = hiddenOn(list, page);
    expect([...here.matches]).toEqual([matchKey(match.claimKey, match.text)]);
    expect([...here.claims]).toEqual(['bundled/other']);
    expect([...hiddenOn(list, 'https://news.example/elsewhere').matches]).toEqual([]);
    expect([...hiddenOn(list, 'https://news.example/elsewhere').claims]).toEqual(['bundled/other']);
  });

  it('remembers a match on a run-on sentence of a page with a long address, over a reload', () => {
    const longPage = `https://news.example/${'live-updates/'.repeat(500)}`;
    const sentence = `${'And the talks went on, '.repeat(300)}and the call lasted an hour and a half.`;
    const stored = withReport(withPageDismissal(NO_DISMISSALS, { ...match, page: pageKeyOf(longPage), text: sentence }), { url: `${longPage}?x=1`, claimKey: match.claimKey, claimText: match.claimText, text: sentence, at: match.at });
    // Read back as the next visit reads it: the records are kept (they were thrown away as too long).
    const read = dismissalsFrom(structuredClone(stored));
    expect(read.onPage).toHaveLength(1);
    expect(read.reports).toHaveLength(1);
    expect(hiddenOn(read, pageKeyOf(longPage)).matches.has(matchKey(match.claimKey, sentence))).toBe(true);
    expect(withoutPageDismissal(read, { page: pageKeyOf(longPage), claimKey: match.claimKey, text: sentence }).onPage).toEqual([]);
  });

  it('keeps one record per match, takes one back, and drops the oldest past the limit', () => {
    const twice = withPageDismissal(withPageDismissal(NO_DISMISSALS, match), { ...match, at: 'later' });
    expect(twice.onPage).toHaveLength(1);
    expect(twice.onPage[0]!.at).toBe('later');
    expect(withoutPageDismissal(twice, match).onPage).toEqual([]);
    expect(withoutClaimDismissal(withClaimDismissal(NO_DISMISSALS, { claimKey: 'k', claimText: 't', at: 'a' }), 'k').everywhere).toEqual([]);
    let many = NO_DISMISSALS;
    for (let i = 0; i <= MAX_DISMISSALS; i++) many = withPageDismissal(many, { ...match, text: `sentence ${i}` });
    expect(many.onPage).toHaveLength(MAX_DISMISSALS);
    expect(many.onPage[0]!.text).toBe('sentence 1');
  });

  it('keeps each report once, and writes them as a file for pack maintainers', () => {
    const report = { url: 'https://news.example/story?x=1', claimKey: match.claimKey, claimText: match.claimText, text: match.text, at: match.at };
    const list = withReport(withReport(NO_DISMISSALS, report), report);
    expect(list.reports).toEqual([report]);
    expect(JSON.parse(reportsFile(list, '2026-12-03T12:00:00.000Z'))).toEqual({ format: 'claimlight-wrong-matches', formatVersion: 1, exported: '2026-12-03T12:00:00.000Z', reports: [report] });
  });

  it('reads what is stored, leaving out records that do not read, and nothing from anything else', () => {
    expect(dismissalsFrom(undefined)).toEqual(NO_DISMISSALS);
    expect(dismissalsFrom('garbage')).toEqual(NO_DISMISSALS);
    const stored = { onPage: [match, { page: 1 }, null], everywhere: 'no' };
    expect(dismissalsFrom(stored)).toEqual({ onPage: [match], everywhere: [], reports: [] });
  });

  it('makes changes given as data in order, each as its own function does, once however often it is asked', () => {
    const at = '2026-12-07T00:00:00.000Z';
    const hide = { page: 'news.example/a', claimKey: 'p/c', claimText: 'A claim.', text: 'A sentence.', at };
    const report = { url: 'https://news.example/a?x=1', claimKey: 'p/c', claimText: 'A claim.', text: 'A sentence.', at };
    const changes = [{ hideOnPage: hide }, { report }, { hideEverywhere: { claimKey: 'p/c', claimText: 'A claim.', at } }];
    const made = withChanges(NO_DISMISSALS, changes);
    expect(made).toEqual({ onPage: [hide], everywhere: [{ claimKey: 'p/c', claimText: 'A claim.', at }], reports: [report] });
    expect(withChanges(made, changes)).toEqual(made);
    // Taken back: the match, and its claim everywhere; the report stays for the pack's maintainers.
    expect(withChanges(made, [{ show: { page: hide.page, claimKey: 'p/c', text: hide.text } }])).toEqual({ onPage: [], everywhere: [], reports: [report] });
  });

  it('takes back as data what the settings page listed and the reader chose, and only that', () => {
    const at = '2026-12-07T00:00:00.000Z';
    // A record as stored, its sentence cut to the kept length; the same words as a page gives them.
    const long = { page: 'news.example/a', claimKey: 'p/c', claimText: 'A claim.', text: 'w'.repeat(6_000), at };
    const other = { page: 'news.example/b', claimKey: 'p/c', claimText: 'A claim.', text: 'Another.', at };
    const report = { url: 'https://news.example/a', claimKey: 'p/c', claimText: 'A claim.', text: 'A sentence.', at };
    const shown = { onPage: [withPageDismissal(NO_DISMISSALS, long).onPage[0]!, other], everywhere: [{ claimKey: 'p/d', claimText: 'D.', at }], reports: [report] };
    // "Show again" on one row: that match only.
    const one = takenBack(shown, { ...shown, onPage: [other] });
    expect(one).toEqual([{ showAgain: { onPage: [{ page: 'news.example/a', claimKey: 'p/c', text: shown.onPage[0]!.text }], everywhere: [] } }]);
    // Made on the list as stored, which a tab changed meanwhile: its new match stays.
    const meanwhile = { page: 'news.example/c', claimKey: 'p/c', claimText: 'A claim.', text: 'New.', at };
    expect(withChanges({ ...shown, onPage: [...shown.onPage, meanwhile] }, one).onPage).toEqual([other, meanwhile]);
    // "Show all again" and "Clear reports".
    const all = takenBack(shown, NO_DISMISSALS);
    expect(withChanges({ ...shown, reports: [...shown.reports, { ...report, url: 'https://news.example/z' }] }, all)).toEqual({ onPage: [], everywhere: [], reports: [{ ...report, url: 'https://news.example/z' }] });
    expect(takenBack(shown, shown)).toEqual([]);
  });
});
