import { describe, expect, it } from 'vitest';
import { drawsPunctuation, mixesScripts, normalizeLink, readLink } from '@/lib/links';
import { parsePackText } from '@/lib/pack';
import { LIMITS } from '@/lib/schema';
import { samplePack } from '../helpers/packs';

const parse = (value: unknown) => parsePackText(JSON.stringify(value), { fileName: 'links.json', today: new Date('2026-11-25T00:00:00Z') });
const withSourceUrl = (url: string) => {
  const pack = samplePack();
  (pack.claims[0] as { context: { sources: { url: string }[] }[] }).context[0]!.sources[0]!.url = url;
  return pack;
};
const review = (url: string, citation?: string) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url,
  claimReviewed: 'The harbour bridge will close all summer.',
  author: { '@type': 'Organization', name: 'Harbour Check' },
  reviewRating: { '@type': 'Rating', alternateName: 'False' },
  ...(citation ? { citation: [{ '@type': 'CreativeWork', url: citation }] } : {}),
});

describe('links as written in a pack', () => {
  // Each way a link was found to say one place and go to another, and where it really goes.
  it.each([
    ['backslashes for slashes', 'https:\\\\evil.example\\x', 'https://evil.example/x', 'evil.example'],
    ['no slashes after the scheme', 'https:evil.example', 'https://evil.example/', 'evil.example'],
    ['capitals and the default port', 'HTTPS://Reuters.COM:443/Story', 'https://reuters.com/Story', 'reuters.com'],
  ])('stores %s as the browser follows it, and shows the real host', (_, written, url, host) => {
    expect(readLink(written)).toEqual({ ok: true, url, host, lookalike: null });
  });

  it('stores a look-alike host in punycode and flags it, showing the form that cannot pass for the real one', () => {
    // "rеuters.com" with a Cyrillic "е".
    expect(readLink('https://r\u0435uters.com/world')).toEqual({ ok: true, url: 'https://xn--ruters-3of.com/world', host: 'xn--ruters-3of.com', lookalike: 'mixed-scripts' });
    // Written in punycode already: the same host, the same flag.
    expect(readLink('https://xn--ruters-3of.com/world')).toMatchObject({ lookalike: 'mixed-scripts', host: 'xn--ruters-3of.com' });
  });

  it('stores a host with a character drawn like punctuation in punycode and flags it', () => {
    // A division slash: "reuters.com∕world∕evil.example" reads as a page of reuters.com.
    for (const char of ['\u2215', '\u2044', '\u29f8', '\u00b7', '\u06f0']) {
      const link = readLink(`https://reuters.com${char}world${char}evil.example/x`);
      expect(link).toMatchObject({ ok: true, lookalike: 'punctuation' });
      expect(link.ok && link.host.startsWith('reuters.xn--')).toBe(true);
    }
    expect(drawsPunctuation('münchen.example')).toBe(false);
    expect(drawsPunctuation('日本語.jp')).toBe(false);
  });

  it('shows a host written in one script in that script', () => {
    expect(readLink('https://münchen.example/')).toEqual({ ok: true, url: 'https://xn--mnchen-3ya.example/', host: 'münchen.example', lookalike: null });
    expect(readLink('https://пример.рф/')).toMatchObject({ ok: true, host: 'пример.рф', lookalike: null });
  });

  it.each([
    ['a user name before the host', 'https://reuters.com@evil.example/'],
    ['a user name and password', 'https://user:pass@evil.example/'],
    ['a leading NUL', '\u0000https://reuters.com/'],
    ['a trailing right-to-left override', 'https://reuters.com/\u202e'],
    ['a tab inside', 'https://reu\tters.com/'],
    ['a zero-width space in the host', 'https://reu\u200bters.com/'],
  ])('refuses %s as hiding where it goes', (_, written) => {
    const link = readLink(written);
    expect(link.ok).toBe(false);
    expect(!link.ok && link.hides).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['a relative path', '/story'],
    ['a host-less URL', 'https://'],
  ])('refuses %s as not a web address', (_, written) => {
    expect(readLink(written)).toEqual({ ok: false, hides: false, reason: 'must be an http(s) URL' });
    expect(normalizeLink(written)).toBeNull();
  });

  it('tells hosts that mix scripts from those that do not', () => {
    expect(mixesScripts('example.com')).toBe(false);
    // A label that mixes scripts, and a wholly Cyrillic label under a Latin domain (look-alikes).
    expect(mixesScripts('r\u0435uters.com')).toBe(true);
    expect(mixesScripts('\u0430\u0440\u0440\u04cf\u0435.com')).toBe(true);
    // A label wholly in one script under its own domain, or one that cannot pass for Latin.
    expect(mixesScripts('日本語.テスト')).toBe(false);
    expect(mixesScripts('日本語.jp')).toBe(false);
    expect(mixesScripts('한국.kr')).toBe(false);
    expect(mixesScripts('пример.рф')).toBe(false);
    expect(mixesScripts('123-456.xn--p1ai')).toBe(false);
  });

  it('lets joiners through in a path, where Persian words and emoji need them', () => {
    expect(readLink('https://fa.example/\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645').ok).toBe(true);
    expect(readLink('https://emoji.example/\u{1F469}\u200d\u{1F4BB}').ok).toBe(true);
  });

  it('holds the length limit for the form stored, not only the form written', () => {
    const written = `https://ru.example/wiki/${'\u0436'.repeat(400)}`;
    expect(written.length).toBeLessThan(2_048);
    expect(readLink(written)).toMatchObject({ ok: false, hides: false });
  });
});

describe('links on import', () => {
  it('stores a pack’s links normalized', () => {
    const result = parse(withSourceUrl('HTTPS://Example.ORG:443/notice'));
    expect(result.ok && result.value.pack.claims[0]!.context[0]!.sources[0]!.url).toBe('https://example.org/notice');
  });

  it('refuses a pack whose link hides where it goes, naming the record and the field', () => {
    expect(parse(withSourceUrl('https://example.org@evil.example/'))).toEqual({
      ok: false,
      error: ['claim 1 (`harbour-bridge-closed`): context[0].sources[0].url: must not hold a user name or password before its host (the part before "@")'],
    });
    const control = parse(withSourceUrl('https://example.org/\u202e'));
    expect(control.ok ? [] : control.error).toEqual(['claim 1 (`harbour-bridge-closed`): context[0].sources[0].url: must not hold control, invisible or bidirectional characters']);
  });

  it('refuses a ClaimReview whose review or citation URL hides where it goes', () => {
    expect(parse([review('https://checker.example@evil.example/r')])).toEqual({
      ok: false,
      error: ['review 1: url: must not hold a user name or password before its host (the part before "@")'],
    });
    expect(parse([review('https://checker.example/r', '\u0000https://evil.example/')])).toEqual({
      ok: false,
      error: ['review 1 (https://checker.example/r): citation url: must not hold control, invisible or bidirectional characters'],
    });
    // Repaired the way the importer repairs URLs: protocol-relative with a user name still hides.
    expect(parse([review('//checker.example@evil.example/r')])).toEqual({
      ok: false,
      error: ['review 1: url: must not hold a user name or password before its host (the part before "@")'],
    });
    const api = parse({ claims: [{ text: 'The bridge will close.', claimReview: [{ url: 'https://a.example@evil.example/', textualRating: 'False' }] }] });
    expect(api).toEqual({ ok: false, error: ['claim 1: claimReview[0].url: must not hold a user name or password before its host (the part before "@")'] });
  });

  it('holds the claim limit on every import path, with a message naming it', () => {
    const many = Array.from({ length: LIMITS.claimsPerPack + 1 }, () => ({ '@type': 'ClaimReview' }));
    expect(parse(many)).toEqual({
      ok: false,
      error: ['The ClaimReview data holds 50,001 reviews; Claimlight takes at most 50,000 from one file. Split it into smaller files and import each.'],
    });
    expect(parse({ claims: many })).toEqual({
      ok: false,
      error: ['The Fact Check Tools data holds 50,001 claims; Claimlight takes at most 50,000 from one file. Split it into smaller files and import each.'],
    });
  });
});
