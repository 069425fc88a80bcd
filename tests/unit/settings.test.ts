import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, changedFields, describeSettingsError, hostMatches, isEnabledOn, normalizeHostPattern, repairSettings, storedWith, withSiteSwitched } from '@/lib/settings';

describe('repairSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(repairSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it('keeps good fields and sets each bad one back to its default, with a warning', () => {
    const { settings, warnings } = repairSettings({ enabled: false, markStyle: 'glitter', sensitivity: 7, colors: { false: '#123456', accurate: 'red' }, siteRules: [{ pattern: 'example.com', mode: 'never' }] });
    expect(settings.enabled).toBe(false);
    expect(settings.markStyle).toBe('underline');
    expect(settings.sensitivity).toBe(0.5);
    // A colour that cannot be read is dropped on its own; the reader's others stay.
    expect(settings.colors).toEqual({ false: '#123456' });
    expect(settings.siteRules).toEqual([{ pattern: 'example.com', mode: 'never' }]);
    expect(warnings).toEqual(['Unexpected value for "markStyle"; using the default', 'Unexpected value for "sensitivity"; using the default']);
  });

  it('keeps the reader\'s colours beside one for a verdict a newer Claimlight knows, which a save from here would otherwise wipe everywhere', () => {
    expect(repairSettings({ colors: { false: '#112233', 'a-new-verdict': '#445566' } }).settings.colors).toEqual({ false: '#112233' });
  });

  it('reads which verdicts are marked, without repeats, leaving out a verdict it does not know (a newer version\'s) and keeping the others', () => {
    expect(repairSettings({ markedVerdicts: ['false', 'context', 'false'], othersFaint: false }).settings).toMatchObject({ markedVerdicts: ['false', 'context'], othersFaint: false });
    const { settings, warnings } = repairSettings({ markedVerdicts: ['false', 'pants-on-fire', 'accurate'], othersFaint: 'yes' });
    expect(settings.markedVerdicts).toEqual(['false', 'accurate']);
    expect(settings.othersFaint).toBe(true);
    expect(warnings).toEqual(['Unexpected value for "othersFaint"; using the default']);
    expect(repairSettings({ markedVerdicts: 'false' }).settings.markedVerdicts).toEqual(DEFAULT_SETTINGS.markedVerdicts);
  });

  it('writes only the fields a page changed over the settings as stored, keeping another writer\'s change and a newer version\'s fields', () => {
    const read = { ...DEFAULT_SETTINGS, sensitivity: 0.5 };
    const changed = changedFields(read, { ...read, sensitivity: 0.9, siteRules: [{ pattern: 'example.com', mode: 'never' as const }] });
    expect(changed).toEqual({ sensitivity: 0.9, siteRules: [{ pattern: 'example.com', mode: 'never' }] });
    // Meanwhile another tab switched Claimlight off, and a newer version stored a field of its own.
    const stored = { ...DEFAULT_SETTINGS, sensitivity: 0.5, enabled: false, readingGuide: 'on' };
    expect(storedWith(stored, changed)).toEqual({ ...stored, sensitivity: 0.9, siteRules: [{ pattern: 'example.com', mode: 'never' }] });
    expect(storedWith(undefined, { enabled: false })).toEqual({ enabled: false });
    // A verdict a newer version knows stays marked and coloured when this one writes its list.
    const newer = { markedVerdicts: ['false', 'satire'], colors: { false: '#111111', satire: '#222222' } };
    expect(storedWith(newer, { markedVerdicts: ['false', 'accurate'], colors: { false: '#333333' } })).toEqual({ markedVerdicts: ['false', 'accurate', 'satire'], colors: { satire: '#222222', false: '#333333' } });
    expect(storedWith('corrupt', { enabled: false })).toEqual({ enabled: false });
    // So does a site rule a newer version wrote that this one cannot read; the ones it reads are
    // the page's to write (this one was taken away there).
    const rules = { siteRules: [{ pattern: 'a.example', mode: 'never' }, { pattern: 'b.example', mode: 'ask-first' }, { pattern: '/news/*', mode: 'never' }, 'junk'] };
    expect(storedWith(rules, { siteRules: [{ pattern: 'c.example', mode: 'always' }] })).toEqual({
      siteRules: [{ pattern: 'c.example', mode: 'always' }, { pattern: 'b.example', mode: 'ask-first' }, { pattern: '/news/*', mode: 'never' }],
    });
  });

  it('survives a value that is not an object', () => {
    expect(repairSettings('corrupt').settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('site rules', () => {
  it.each([
    ['https://www.Example.com/news/1', 'www.example.com'],
    ['*.example.co.uk', '*.example.co.uk'],
    // The port goes: a rule is checked against the page's host name, which has none.
    ['127.0.0.1:8080', '127.0.0.1'],
    ['http://localhost:8080/news/1', 'localhost'],
    // A query or fragment goes with the path; a host in another script is written in punycode.
    ['https://example.com?utm_source=x', 'example.com'],
    ['example.com#top', 'example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['*.Bücher.de/', '*.xn--bcher-kva.de'],
    ['https://user@example.com/', null],
    ['', null],
    ['*.', null],
    ['not a host', null],
    ['javascript:alert(1)', null],
    ['example.com.', 'example.com'],
    ['https://example.com./story', 'example.com'],
    ['my_blog.example.com', 'my_blog.example.com'],
    ['http://[::1]:8080/story', '[::1]'],
    ['*.[::1]', null],
    // Only a web page's address names a site; an IP address has no subdomains, and is taken as written.
    ['chrome://extensions', null],
    ['file:///home/reader/page.html', null],
    ['ftp://files.example.com', null],
    ['HTTPS://Example.com', 'example.com'],
    ['*.192.168.1.1', null],
    ['123', null],
    ['1.2', null],
    ['192.168.1.1.', '192.168.1.1'],
    ['010.0.0.1', null],
    ['1.2.3.04', null],
    ['10.0.0.1', '10.0.0.1'],
  ])('normalises %j to %j', (input, pattern) => {
    expect(normalizeHostPattern(input)).toBe(pattern);
  });

  it.each([
    ['example.com', 'example.com', true],
    ['example.com', 'news.example.com', false],
    ['*.example.com', 'news.example.com', true],
    ['*.example.com', 'example.com', true],
    ['*.example.com', 'badexample.com', false],
    ['example.com', 'example.com.', true],
    ['*.example.com', 'news.example.com.', true],
    ['[::1]', '[::1]', true],
    // The same site with or without "www.", as readers name it; no other subdomain.
    ['example.com', 'www.example.com', true],
    ['www.example.com', 'example.com', true],
    ['example.com', 'www2.example.com', false],
    ['example.com', 'www.news.example.com', false],
  ])('%s matches %s: %s', (pattern, host, expected) => {
    expect(hostMatches(pattern, host)).toBe(expected);
  });

  it('keeps a rule for the subdomains of an IP address saved before such rules were refused, as one for the address', () => {
    const read = repairSettings({ ...DEFAULT_SETTINGS, siteRules: [{ pattern: '*.192.168.1.1', mode: 'never' }] });
    expect(read.settings.siteRules).toEqual([{ pattern: '192.168.1.1', mode: 'never' }]);
  });

  it('lets a rule for the host as written decide over one for it with or without "www."', () => {
    const rules = { ...DEFAULT_SETTINGS, siteRules: [{ pattern: 'example.com', mode: 'never' as const }, { pattern: 'www.example.com', mode: 'always' as const }] };
    expect(isEnabledOn(rules, 'www.example.com')).toBe(true);
    expect(isEnabledOn(rules, 'example.com')).toBe(false);
    expect(isEnabledOn({ ...DEFAULT_SETTINGS, siteRules: [{ pattern: 'nytimes.com', mode: 'never' }] }, 'www.nytimes.com')).toBe(false);
  });

  it('lets the closest rule decide, "never" between two as close, then the main switch', () => {
    const rules = { ...DEFAULT_SETTINGS, siteRules: [{ pattern: '*.news.example', mode: 'always' as const }, { pattern: 'blog.news.example', mode: 'never' as const }] };
    expect(isEnabledOn(rules, 'blog.news.example')).toBe(false);
    expect(isEnabledOn({ ...rules, enabled: false }, 'www.news.example')).toBe(true);
    expect(isEnabledOn({ ...rules, enabled: false }, 'other.example')).toBe(false);
    // A rule for the site itself beats one for its whole domain, and a narrower domain a wider one.
    const domain = { ...DEFAULT_SETTINGS, siteRules: [{ pattern: '*.example.com', mode: 'never' as const }, { pattern: '*.news.example.com', mode: 'always' as const }, { pattern: 'shop.example.com', mode: 'always' as const }] };
    expect(['example.com', 'shop.example.com', 'live.news.example.com', 'blog.example.com'].map((host) => isEnabledOn(domain, host))).toEqual([false, true, true, false]);
    // Two rules as close that disagree: never.
    expect(isEnabledOn({ ...DEFAULT_SETTINGS, siteRules: [{ pattern: '*.example.com', mode: 'always' }, { pattern: '*.example.com', mode: 'never' }] }, 'a.example.com')).toBe(false);
  });

  it('switches on a site that a rule for its whole domain keeps off, from the popup', () => {
    const settings = { ...DEFAULT_SETTINGS, siteRules: [{ pattern: '*.example.com', mode: 'never' as const }] };
    const on = withSiteSwitched(settings, 'news.example.com', true);
    expect(isEnabledOn(on, 'news.example.com')).toBe(true);
    expect(isEnabledOn(on, 'blog.example.com')).toBe(false);
    expect(isEnabledOn(withSiteSwitched(on, 'news.example.com', false), 'news.example.com')).toBe(false);
  });

  it('keeps a stored rule with a port (older Claimlight wrote them) for its host, and drops only a rule that cannot be read', () => {
    const { settings, warnings } = repairSettings({ siteRules: [{ pattern: 'localhost:8080', mode: 'never' }, { pattern: 'not a host', mode: 'never' }, { pattern: 'b.example', mode: 'sometimes' }, 'junk', null, { pattern: 'Example.com', mode: 'always' }, { pattern: 'example.com', mode: 'never' }] });
    expect(settings.siteRules).toEqual([{ pattern: 'localhost', mode: 'never' }, { pattern: 'example.com', mode: 'never' }]);
    expect(warnings).toEqual([]);
    expect(isEnabledOn(settings, new URL('http://localhost:8080/news/1').hostname)).toBe(false);
  });

  it('switches a site off and on again with a rule of its own', () => {
    const off = withSiteSwitched(DEFAULT_SETTINGS, 'news.example', false);
    expect(isEnabledOn(off, 'news.example')).toBe(false);
    const on = withSiteSwitched(off, 'news.example', true);
    expect(on.siteRules).toEqual([]);
    expect(isEnabledOn(withSiteSwitched({ ...DEFAULT_SETTINGS, enabled: false }, 'news.example', true), 'news.example')).toBe(true);
  });

  it('says why a change was not stored, for the settings (storage.sync) and the hidden matches (storage.local)', () => {
    const full = new Error('QUOTA_BYTES quota exceeded');
    expect(describeSettingsError(full)).toMatch(/more than the browser keeps for an extension \(8 KB\); remove some site rules/);
    expect(describeSettingsError(full, 'local')).toBe('the browser has no room left for Claimlight\u2019s hidden matches and reports; show some hidden matches again or clear the reports, or free some disk space, then try again.');
    expect(describeSettingsError(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'))).toMatch(/only so many changes a minute/);
    expect(describeSettingsError('odd')).toBe('the browser refused it (odd).');
    // Firefox's words for the same quota.
    expect(describeSettingsError(new Error('QuotaExceededError: storage.sync API call exceeded its quota limitations.'))).toMatch(/\(8 KB\); remove some site rules/);
  });
});
