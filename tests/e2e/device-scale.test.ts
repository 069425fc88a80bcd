import { describe, expect, it } from 'vitest';
import { drawnMarks } from '../../scripts/lib/closed-roots';
import { useExtensionSession } from './pages/session';

// Marks are drawn by gradients sized in CSS pixels: on a screen scaled by 125% or 150% (or at that
// browser zoom) a 2-px dash or a 1.5-px wave falls between device pixels, where a line could blur
// away or vanish. The lines of the verdicts a reader marks must still be drawn there, in their
// colour. (The faint 1-px dotted line of the others is drawn too, but at 125% it straddles two
// rows of device pixels and reads paler, so it is not held to its colour here.)
const PAGE = 'pages/late-april.html';
/** A sentence of late-april.html per look, and the colour its line is drawn in. The wave is the
 * second claim on its words, drawn below the first's dashes. */
const LOOKS = [
  { look: 'dashed (Misattributed)', start: 'During the call, it says', colour: '#7e22ce' },
  { look: 'wavy (Imprecise)', start: 'Zelensky, it adds', colour: '#b45309' },
];
/** The room a dashed line takes under the text (CSS px, `lib/mark-style.ts`): `lineRows` gives the
 * height of a sentence's shortest box, a dashed line's on both sentences, so the text ends this
 * far above its bottom. Only lines are drawn below the text: the letters' edges cannot pass for one. */
const DASHED_ROOM = 2;

describe.each([1.25, 1.5])('at %s device pixels per CSS pixel', (scale) => {
  const session = useExtensionSession('tests/fixtures', { deviceScaleFactor: scale });

  it('draws the dashed and the wavy line under their text', async () => {
    const page = await session.open(PAGE);
    const tab = page.page;
    await page.waitForMarks(5);
    expect(await tab.evaluate(() => window.devicePixelRatio)).toBe(scale);
    for (const { look, start, colour } of LOOKS) {
      const { rows, height } = await page.lineRows(start, colour);
      // Rows of the screenshot (device pixels) under the text that hold the line's colour.
      const under = rows.filter((row) => row >= Math.floor((height - DASHED_ROOM) * scale));
      expect(under.length, look).toBeGreaterThan(0);
    }
    // Still one mark per claim on those sentences, none lost to the scale.
    expect((await drawnMarks(tab)).filter((m) => m.boxes.length && LOOKS.some(({ start }) => m.text.startsWith(start))).length).toBe(3);
    expect(session.pageErrors).toEqual([]);
  });
});
