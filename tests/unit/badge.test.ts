import { describe, expect, it } from 'vitest';
import { badgeFor, pageVerdicts } from '@/lib/badge';
import { VERDICT_COLOURS } from '@/lib/mark-style';

describe('the toolbar badge', () => {
  it('shows the most serious verdict\'s glyph and colour with the number of problems', () => {
    const page = pageVerdicts(['accurate', 'imprecise', 'context', 'false', 'imprecise']);
    expect(page).toEqual({ count: 5, problems: 3, worst: 'false' });
    expect(badgeFor(page)).toEqual({
      text: '✗3',
      color: VERDICT_COLOURS.false.light,
      title: 'Claimlight: 3 problems on this page (most serious: False); 2 other mentions',
    });
  });

  it('shows a page with no problems by its best-known verdict alone, with no number', () => {
    expect(badgeFor(pageVerdicts(['accurate', 'context', 'accurate']))).toEqual({ text: 'i', color: VERDICT_COLOURS.context.light, title: 'Claimlight: No problems on this page; 3 other mentions' });
    expect(badgeFor(pageVerdicts(['accurate'])).text).toBe('✓');
  });

  it('shows nothing for a page with no mentions, and caps the number', () => {
    expect(badgeFor(pageVerdicts([])).text).toBe('');
    expect(badgeFor(pageVerdicts(Array(150).fill('disputed'))).text).toBe('±99+');
  });
});
