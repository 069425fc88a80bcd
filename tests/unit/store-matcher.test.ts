import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { createClient, routeMessage, type SenderInfo } from '@/lib/protocol';
import { installBundledPack, type ClaimlightDb } from '@/lib/store';
import { freshDb, packWithClaim } from '../helpers/packs';

const bundled = expectBundledPack();
const tab: SenderInfo = { tabId: 3, url: 'https://news.example/a', fromExtensionPage: false, fromThisExtension: true };
const options: SenderInfo = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
const FEB_13 = Date.UTC(2025, 1, 13);

let db: ClaimlightDb;
afterEach(() => db?.close());

async function setup() {
  db = freshDb();
  await installBundledPack(db, bundled);
  const shown: [number, number][] = [];
  const handlers = createBackgroundHandlers({ db, bundled, onMentionsShown: (tabId, count) => void shown.push([tabId, count]) });
  const from = (sender: SenderInfo) => createClient(async (message) => routeMessage(structuredClone(message), sender, handlers));
  return { page: from(tab), ui: from(options), shown };
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
    expect(reply.value.mentions).toEqual([{ claimKey: key, block: 1, start: 0, end: 54, score: expect.any(Number), cues: ['hour and a half', 'call'] }]);
    expect(reply.value.claims[key]).toMatchObject({ id: 'call-duration-90-minutes', verdict: 'accurate', packTitle: bundled.title, packId: bundled.id });
    expect(reply.value.claims[key]!.context.length).toBeGreaterThan(0);
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

  it('refuses a page too large to match', async () => {
    const { page } = await setup();
    const reply = await page.call('findMentions', { blocks: ['x'.repeat(200_001)], pageDate: null });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
  });

  it('passes the number of mentions shown on a tab on to the badge', async () => {
    const { page, ui, shown } = await setup();
    expect(await page.call('mentionsShown', { count: 4 })).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([[3, 4]]);
    expect(await ui.call('mentionsShown', { count: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
