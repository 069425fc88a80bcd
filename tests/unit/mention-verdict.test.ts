import { describe, expect, it } from 'vitest';
import { judgeMention, repeatedWording } from '@/lib/mention-verdict';
import type { Claim } from '@/lib/schema';

const report = { title: 'The Evening Bulletin', published: '2026-05-20' };
const APRIL_30 = Date.UTC(2026, 3, 30);
const MAY_20 = Date.UTC(2026, 4, 20);

describe('judgeMention', () => {
  it('gives a claim in the world its verdict wherever it is repeated', () => {
    const claim: Pick<Claim, 'verdict' | 'telling'> = { verdict: 'false' };
    expect(judgeMention(claim, 'Ferry fares doubled, the mayor said.', null)).toEqual({ verdict: 'false' });
  });

  it('gives the verdict on a report\'s wording only to a sentence that repeats it, in any inflection', () => {
    const claim: Pick<Claim, 'verdict' | 'telling'> = { verdict: 'imprecise', telling: { report, faultWording: ['close for good', 'permanent closure'] } };
    expect(judgeMention(claim, 'The bridge closes for good on Monday.', APRIL_30)).toEqual({ verdict: 'imprecise', repeats: 'closes for good' });
    expect(judgeMention(claim, 'Officials announced the permanent closure of the bridge.', APRIL_30)).toEqual({ verdict: 'imprecise', repeats: 'permanent closure' });
    expect(judgeMention(claim, 'The bridge closes on weekends this summer.', APRIL_30)).toEqual({ verdict: 'context' });
    // Function words count: "close good" is not the wording.
    expect(judgeMention(claim, 'Close to the bridge, good news for ferries.', APRIL_30)).toEqual({ verdict: 'context' });
  });

  it('shows the record as context when the sentence sets it straight', () => {
    const claim: Pick<Claim, 'verdict' | 'telling'> = { verdict: 'imprecise', telling: { report, faultWording: ['more aid'], clearedBy: ['minerals'] } };
    expect(judgeMention(claim, 'They discussed more aid for the port.', APRIL_30).verdict).toBe('imprecise');
    expect(judgeMention(claim, 'They discussed more aid, chiefly a minerals deal.', APRIL_30).verdict).toBe('context');
  });

  it('decides "misdated" by the page\'s own date against the end of the events', () => {
    const claim: Pick<Claim, 'verdict' | 'telling'> = { verdict: 'accurate-but-misdated', telling: { report, eventsEnd: '2026-04-14' } };
    expect(judgeMention(claim, 'The council voted on Wednesday.', APRIL_30).verdict).toBe('context');
    expect(judgeMention(claim, 'The council voted on Wednesday.', MAY_20).verdict).toBe('accurate-but-misdated');
    // A page that does not say when it was written is not called misdated on a guess.
    expect(judgeMention(claim, 'The council voted on Wednesday.', null).verdict).toBe('context');
    // A month counts to its last day.
    const monthly: Pick<Claim, 'verdict' | 'telling'> = { verdict: 'accurate-but-misdated', telling: { report, eventsEnd: '2026-04' } };
    expect(judgeMention(monthly, 'x', MAY_20).verdict).toBe('context');
    expect(judgeMention(monthly, 'x', Date.UTC(2026, 5, 1)).verdict).toBe('accurate-but-misdated');
  });

  it('needs every condition of the telling: the wording and the late date', () => {
    const claim: Pick<Claim, 'verdict' | 'telling'> = { verdict: 'accurate-but-misdated', telling: { report, faultWording: ['later this week'], eventsEnd: '2026-04-14' } };
    expect(judgeMention(claim, 'The vote is due later this week.', MAY_20)).toEqual({ verdict: 'accurate-but-misdated', repeats: 'later this week' });
    expect(judgeMention(claim, 'The vote is due later this week.', APRIL_30).verdict).toBe('context');
    expect(judgeMention(claim, 'The vote was held on 14 April.', MAY_20).verdict).toBe('context');
  });
});

describe('repeatedWording', () => {
  it('allows two words between the wording\'s own, not a clause break', () => {
    expect(repeatedWording('It was said during the long phone call.', ['during the call'])).toBe('during the long phone call');
    expect(repeatedWording('It was said during the week; the call came later.', ['during the call'])).toBeNull();
    expect(repeatedWording('', ['during the call'])).toBeNull();
  });
});
