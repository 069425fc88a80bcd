import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageVerdicts } from '@/lib/badge';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { createClient, FIND_LIMITS, routeMessage, type SenderInfo } from '@/lib/protocol';
import { installBundledPack, type ClaimlightDb } from '@/lib/store';
import { freshDb, packWithClaim } from '../helpers/packs';

const bundled = expectBundledPack();
const tab: SenderInfo = { tabId: 3, url: 'https://news.example/a', fromExtensionPage: false, fromThisExtension: true };
const options: SenderInfo = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
const FEB_13 = Date.UTC(2025, 1, 13);

let db: ClaimlightDb;
afterEach(() => db?.close());

/** A matcher over a fresh store holding the bundled pack, and the store's own read of its claims
 * (for a test to read through while it stands in for it). */
async function matcherOverBundledPack() {
  db = freshDb();
  await installBundledPack(db, bundled);
  const { StoreMatcher } = await import('@/lib/store-matcher');
  return { matcher: new StoreMatcher(db), read: db.claims.toArray.bind(db.claims) };
}

async function setup() {
  db = freshDb();
  await installBundledPack(db, bundled);
  const shown: [number, PageVerdicts][] = [];
  const handlers = createBackgroundHandlers({ db, bundled, onMentionsShown: (tabId, page) => void shown.push([tabId, page]) });
  const from = (sender: SenderInfo) => createClient(async (message) => routeMessage(structuredClone(message), sender, handlers));
  return { page: from(tab), ui: from(options), prerendering: from({ ...tab, documentActive: false }), shown };
}

describe('findMentions through the background', () => {
  it('returns each mention with the record of its claim and its pack title', async () => {
    const { page } = await setup();
    const reply = await page.call('findMentions', {
      blocks: ['Nothing here.', 'Peskov said the call lasted almost an hour and a half.'],
      pageDate: FEB_13,
    });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const key = `${bundled.id}/call-duration-90-minutes`;
    expect(reply.value.mentions).toEqual([{ claimKey: key, block: 1, start: 0, end: 54, score: expect.any(Number), cues: ['hour and a half', 'call'], verdict: 'accurate' }]);
    expect(reply.value.claims[key]).toMatchObject({ id: 'call-duration-90-minutes', verdict: 'accurate', packTitle: bundled.title, packId: bundled.id });
    expect(reply.value.claims[key]!.context.length).toBeGreaterThan(0);
  });

  it('judges each mention on its page: the report\'s wrong wording and its late date carry the verdict, the same events told otherwise are context', async () => {
    const { page } = await setup();
    // A page dated weeks later has to say when its story happened, or the matcher takes it for news of its own day.
    const blocks = [
      'Zelensky will meet Vance and Rubio at a defense summit in Munich later this week, the president said on 12 February.',
      'On Friday Zelensky meets Vance and Rubio at the Munich Security Conference, the annual gathering of foreign-policy officials.',
    ];
    const verdicts = async (pageDate: number | null) => {
      const reply = await page.call('findMentions', { blocks, pageDate });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value.mentions.map((m) => [m.block, m.claimKey.split('/')[1], m.verdict, m.repeats]);
    };
    const APRIL_28 = Date.UTC(2025, 3, 28);
    expect(await verdicts(APRIL_28)).toEqual(expect.arrayContaining([
      [0, 'munich-defense-summit-focus', 'imprecise', 'defense summit'],
      [0, 'zelensky-munich-vance-rubio', 'accurate-but-misdated', 'later this week'],
      [1, 'zelensky-munich-vance-rubio', 'accurate-but-misdated', 'On Friday'],
      [1, 'munich-defense-summit-focus', 'context', undefined],
    ]));
    // Written the day after the events, the same wording is not misdated.
    expect(await verdicts(FEB_13)).toEqual(expect.arrayContaining([
      [0, 'munich-defense-summit-focus', 'imprecise', 'defense summit'],
      [0, 'zelensky-munich-vance-rubio', 'context', undefined],
      [1, 'zelensky-munich-vance-rubio', 'context', undefined],
    ]));
    expect((await verdicts(FEB_13)).filter(([block, id]) => block === 1 && id === 'munich-defense-summit-focus').map(([, , verdict]) => verdict)).not.toContain('imprecise');
  });

  it('still marks pages where one stored claim cannot be read (its cues damaged), leaving that claim out', async () => {
    const { page } = await setup();
    const [first] = await db.claims.limit(1).toArray();
    await db.claims.put({ ...first!, cues: { phrases: ['x'] } as never });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await page.call('findMentions', { blocks: ['Peskov said the call lasted almost an hour and a half.'], pageDate: FEB_13 });
    expect(reply.ok && reply.value.mentions.map((m) => m.claimKey.split('/')[1])).toEqual(['call-duration-90-minutes']);
    expect(errors).toHaveBeenCalledWith('[Claimlight]', '1 stored claim(s) could not be read for matching and are left out', expect.anything());
    errors.mockRestore();
  });

  it('reads the store again where it changed during a build, one read at a time, and gives every page waiting the newer index', async () => {
    const { matcher, read } = await matcherOverBundledPack();
    let release = () => {};
    let reads = 0;
    let reading = 0;
    let mostAtOnce = 0;
    vi.spyOn(db.claims, 'toArray').mockImplementation((async () => {
      reads++;
      mostAtOnce = Math.max(mostAtOnce, ++reading);
      try {
        // The first read waits until the store has changed under it; then it fails, as a read
        // whose transaction the change aborted does.
        if (reads === 1) await new Promise<void>((resolve) => (release = resolve)).then(() => Promise.reject(new Error('The transaction was aborted.')));
        return await read();
      } finally {
        reading--;
      }
    }) as never);
    const sentence = ['Peskov said the call lasted almost an hour and a half.'];
    const first = matcher.find(sentence, FEB_13);
    // The store changes (a pack is deleted) while the index is built, and another page asks.
    await db.claims.delete([bundled.id, 'call-duration-90-minutes']);
    matcher.invalidate();
    const second = matcher.find(sentence, FEB_13);
    release();
    // Both are answered from the store as it is now, by one build that read it again.
    expect((await first).mentions).toEqual([]);
    expect((await second).mentions).toEqual([]);
    expect(reads).toBe(2);
    expect(mostAtOnce).toBe(1);
    // The index built is kept, and a later change drops it.
    await matcher.find(sentence, FEB_13);
    expect(reads).toBe(2);
    matcher.invalidate();
    await matcher.find(sentence, FEB_13);
    expect(reads).toBe(3);
  });

  it('fails a build whose read fails with no change of the store, and builds again at the next request', async () => {
    const { matcher, read } = await matcherOverBundledPack();
    let reads = 0;
    vi.spyOn(db.claims, 'toArray').mockImplementation((() => (++reads === 1 ? Promise.reject(new Error('The transaction was aborted.')) : read())) as never);
    const sentence = ['Peskov said the call lasted almost an hour and a half.'];
    await expect(matcher.find(sentence, FEB_13)).rejects.toThrow('The transaction was aborted.');
    expect((await matcher.find(sentence, FEB_13)).mentions.map((m) => m.claimKey.split('/')[1])).toEqual(['call-duration-90-minutes']);
    expect(reads).toBe(2);
    // A read that throws at once, rather than failing later, is forgotten all the same.
    matcher.invalidate();
    vi.spyOn(db.packs, 'toArray').mockImplementationOnce(() => {
      throw new Error('The database connection is closing.');
    });
    await expect(matcher.find(sentence, FEB_13)).rejects.toThrow('The database connection is closing.');
    expect((await matcher.find(sentence, FEB_13)).mentions).toHaveLength(1);
  });

  it('matches a pack imported after the index was built', async () => {
    const { page, ui } = await setup();
    const ferry = { blocks: ['Commuters say ferry fares have doubled.'], pageDate: null };
    expect((await page.call('findMentions', ferry)).ok && (await page.call('findMentions', ferry))).toMatchObject({ value: { mentions: [] } });
    const pack = packWithClaim(1, { cues: { phrases: [], terms: [['ferry'], ['fares'], ['doubled']] } });
    expect((await ui.call('importPack', { text: JSON.stringify(pack) })).ok).toBe(true);
    const after = await page.call('findMentions', ferry);
    expect(after.ok && after.value.mentions.map((m) => m.claimKey)).toEqual(['sample-pack/ferry-fares-doubled']);
    await ui.call('deletePack', { packId: 'sample-pack' });
    const deleted = await page.call('findMentions', ferry);
    expect(deleted.ok && deleted.value.mentions).toEqual([]);
  });

  it('finds an imported review’s claim on a page written months after it was made, and gives it no old-news verdict', async () => {
    const { page, ui } = await setup();
    // Written for this test: a fact-checker's review, as its page publishes it, dated when the claim was made.
    const review = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://checks.example/reservoir-lowest-fifty-years',
      datePublished: '2024-03-12',
      claimReviewed: 'The Dunmore reservoir is at its lowest level in fifty years.',
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Ines Ortega' }, datePublished: '2024-03-05' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Misleading' },
    };
    expect((await ui.call('importPack', { text: JSON.stringify([review]), fileName: 'checks.json' })).ok).toBe(true);
    const blocks = ['Mayor Ines Ortega has repeated her warning that the Dunmore reservoir is at its lowest level in fifty years.'];
    const mentioned = async (pageDate: number) => {
      const reply = await page.call('findMentions', { blocks, pageDate });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value.mentions.map((m) => [reply.value.claims[m.claimKey]!.text, m.verdict]);
    };
    // Seven months on, with the review's own verdict ("Misleading" reads as imprecise).
    expect(await mentioned(Date.UTC(2024, 9, 1))).toEqual([[review.claimReviewed, 'imprecise']]);
    // Not on a page written before it was said.
    expect(await mentioned(Date.UTC(2023, 9, 1))).toEqual([]);
  });

  it('refuses a page too large to match', async () => {
    const { page } = await setup();
    const reply = await page.call('findMentions', { blocks: ['x'.repeat(200_001)], pageDate: null });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    // Blocks each within the limit, but more text in all than one request may hold: matching it
    // would hold up the background for every tab.
    const many = await page.call('findMentions', { blocks: Array.from({ length: 6 }, () => 'x'.repeat(FIND_LIMITS.blockChars)), pageDate: null });
    expect(many).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
  });

  it('answers a page built to be all mentions with the first of them in reading order, within a reply\'s room', async () => {
    const { page } = await setup();
    const sentence = 'Peskov said the call lasted almost an hour and a half.';
    const reply = await page.call('findMentions', { blocks: Array.from({ length: FIND_LIMITS.mentions + 200 }, () => sentence), pageDate: FEB_13 });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value.mentions).toHaveLength(FIND_LIMITS.mentions);
    expect(reply.value.mentions.map((m) => m.block)).toEqual(Array.from({ length: FIND_LIMITS.mentions }, (_, i) => i));
  }, 30_000);

  it('passes what the mentions on a tab come to on to the badge', async () => {
    const { page, ui, shown } = await setup();
    expect(await page.call('mentionsShown', { count: 4, problems: 1, worst: 'false' })).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([[3, { count: 4, problems: 1, worst: 'false' }]]);
    expect(await ui.call('mentionsShown', { count: 1, problems: 0, worst: 'accurate' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('takes no badge from a page the tab does not show yet (prerendered)', async () => {
    const { prerendering, shown } = await setup();
    expect(await prerendering.call('mentionsShown', { count: 2, problems: 2, worst: 'false' })).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([]);
  });
});
