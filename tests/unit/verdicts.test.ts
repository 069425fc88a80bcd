import { afterEach, describe, expect, it, vi } from 'vitest';

describe('verdictFromRating', () => {
  afterEach(() => vi.restoreAllMocks());

  it('folds the rating labels it knows once, when a rating is first read, not when its module loads (the content script loads it on every page)', async () => {
    vi.resetModules();
    const normalize = vi.spyOn(String.prototype, 'normalize');
    const { verdictFromRating, VERDICT_LABELS } = await import('@/lib/verdicts');
    expect(VERDICT_LABELS.false).toBe('False');
    expect(normalize).not.toHaveBeenCalled();
    expect(verdictFromRating('Falso')).toBe('false');
    // The label read, and every known label once.
    const first = normalize.mock.calls.length;
    expect(first).toBeGreaterThan(50);
    expect(verdictFromRating('Mostly True')).toBe('accurate');
    // Then only the label read.
    expect(normalize.mock.calls.length).toBe(first + 1);
  });
});

describe('rating labels of fact-checkers who write in other languages', () => {
  it.each([
    ['Неправда', 'false'],
    ['Ложь', 'false'],
    ['Фейк', 'false'],
    ['Правда', 'accurate'],
    ['Richtig', 'accurate'],
    ['Teilweise falsch', 'imprecise'],
    ['Größtenteils falsch', 'imprecise'],
    ['Fehlender Kontext', 'imprecise'],
    ['Manque de contexte', 'imprecise'],
    ['误导', 'imprecise'],
    ['部分錯誤', 'imprecise'],
  ])('reads %s as %s, not as unrated', async (label, verdict) => {
    const { verdictFromRating } = await import('@/lib/verdicts');
    expect(verdictFromRating(label)).toBe(verdict);
  });
});

describe('rating labels that name no verdict a claim can hold', () => {
  it('reads "Context", which names what the card shows a mention, as unrated, and a Russian "true, but…" as qualified', async () => {
    const { verdictFromRating } = await import('@/lib/verdicts');
    expect(verdictFromRating('Context')).toBe('unrated');
    expect(verdictFromRating('Правда, но не вся')).toBe('imprecise');
  });
});

describe('ratings qualified after a dash', () => {
  it('reads a rating qualified after a dash as the same rating qualified after a comma', async () => {
    const { verdictFromRating } = await import('@/lib/verdicts');
    const labels = ['True – but misleading', 'True - but misleading', 'True — but misleading', 'True, but misleading', 'Mostly true – but missing context', 'Verdadero – pero engañoso', 'Falso – en parte', 'Half-true', 'True - accurate'];
    expect(labels.map((label) => verdictFromRating(label))).toEqual(['imprecise', 'imprecise', 'imprecise', 'imprecise', 'imprecise', 'imprecise', 'imprecise', verdictFromRating('Half true'), 'accurate']);
  });
});

describe('ratings false only in part', () => {
  it.each(['Falso en parte', 'Faux en partie', 'Falso em parte', 'False in part', 'Falso a medias', 'Teilweise falsch', 'Parcialmente falso'])('reads %s as imprecise, as "Partly false" is', async (label) => {
    const { verdictFromRating } = await import('@/lib/verdicts');
    expect(verdictFromRating(label)).toBe('imprecise');
  });

  it('leaves a false rating with a caveat false', async () => {
    const { verdictFromRating } = await import('@/lib/verdicts');
    expect(['Falso con matices', 'False with caveats', 'False'].map((label) => verdictFromRating(label))).toEqual(['false', 'false', 'false']);
    // A false rating explained in words that start like "in part" stays false.
    expect(['Falso: en parte del video se ve otra ciudad', 'False: in part of the clip the man is elsewhere'].map((label) => verdictFromRating(label))).toEqual(['false', 'false']);
  });
});

describe('ratings true only in part', () => {
  it.each(['Verdadero a medias', 'Vrai en partie', 'Verdadeiro em parte', 'Verdadero con matices', 'True with caveats'])('reads %s as imprecise, not accurate', async (label) => {
    const { verdictFromRating } = await import('@/lib/verdicts');
    expect(verdictFromRating(label)).toBe('imprecise');
  });
});

