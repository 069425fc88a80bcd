import { afterEach, describe, expect, it, vi } from 'vitest';

describe('rating labels', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are folded when a rating is first read, not when the module loads (the content script loads it on every page)', async () => {
    vi.resetModules();
    const normalize = vi.spyOn(String.prototype, 'normalize');
    const { verdictFromRating, VERDICT_LABELS } = await import('../../lib/verdicts');
    expect(VERDICT_LABELS.false).toBe('False');
    expect(normalize).not.toHaveBeenCalled();
    expect(verdictFromRating('Falso')).toBe('false');
    expect(verdictFromRating('Mostly True')).toBe('accurate');
    expect(normalize).toHaveBeenCalled();
  });
});
