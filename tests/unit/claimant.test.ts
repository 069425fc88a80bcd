import { describe, expect, it } from 'vitest';
import { readClaimantParts, roleSpans, writeClaimants } from '@/lib/claimant';

describe('claimant strings', () => {
  it('writes each person with their roles in brackets, and leaves out roles that do not fit', () => {
    expect(writeClaimants([{ name: 'Ines Ortega', roles: ['Mayor', 'Harbour board chair'] }, { name: 'A councillor', roles: [] }], 200)).toBe('Ines Ortega (Mayor, Harbour board chair), A councillor');
    expect(writeClaimants([{ name: 'Ines Ortega', roles: ['Chair '.repeat(10)] }], 30)).toBe('Ines Ortega');
    expect(writeClaimants([], 200)).toBe('');
  });

  it('reads back what it writes: one part a person, split at commas outside brackets', () => {
    const people = [
      { name: 'Declan Furrow', roles: ['Minister for Housing, Local Government'] },
      { name: 'Tom Hart', roles: ['Senator', 'Chair of the (upper) committee'] },
      { name: 'Facebook posts', roles: [] },
    ];
    expect(readClaimantParts(writeClaimants(people, 500))).toEqual([
      { name: 'Declan Furrow', role: 'Minister for Housing, Local Government' },
      { name: 'Tom Hart', role: 'Senator, Chair of the (upper) committee' },
      { name: 'Facebook posts' },
    ]);
  });

  it('reads strings nobody wrote by the format without losing a name', () => {
    // Two bracket groups, a bracket left open, a stray closing bracket, blank parts, spaces.
    expect(readClaimantParts('Ann Lee (Mayor)(Chair)')).toEqual([{ name: 'Ann Lee', role: 'Mayor, Chair' }]);
    expect(readClaimantParts('Ann Lee (Mayor')).toEqual([{ name: 'Ann Lee', role: 'Mayor' }]);
    expect(readClaimantParts('Ann) Lee')).toEqual([{ name: 'Ann) Lee' }]);
    expect(readClaimantParts(' ,  Ann   Lee , ,(Senator)')).toEqual([{ name: 'Ann Lee' }]);
    expect(readClaimantParts('')).toEqual([]);
  });

  it('tells a role from a name by the brackets, for the matcher', () => {
    const claimant = 'Tom Hart (Senator (retired)), Ann Lee';
    const inRole = roleSpans(claimant);
    const at = (word: string) => inRole(claimant.indexOf(word));
    expect([at('Tom'), at('Senator'), at('retired'), at('Ann')]).toEqual([false, true, true, false]);
    // A stray closing bracket opens nothing.
    const stray = 'Ann) Lee';
    expect(roleSpans(stray)(stray.indexOf('Lee'))).toBe(false);
  });
});
