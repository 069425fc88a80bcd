// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { uncovered, type Clip, type Cover } from '@/entrypoints/content/covers';

const rect = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom, x: left, y: top, width: right - left, height: bottom - top }) as DOMRect;
const NONE: Clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
const line = rect(100, 200, 700, 220);
const REACH = 48;

/** A cover, and a page on which the browser finds it on top wherever it lies (or, `under`, never). */
function page(coverRect: DOMRect, under = false) {
  const element = document.createElement('div');
  document.body.append(element);
  const cover: Cover = { element, rect: coverRect };
  const onTop = (_: Cover, x: number, y: number) => !under && x >= coverRect.left && x <= coverRect.right && y >= coverRect.top && y <= coverRect.bottom;
  return { cover, onTop };
}

describe('cutting a line of a mark where a box of the page lies over it', () => {
  it('cuts from above a line whose top a masthead across it covers, marking the top as cut', () => {
    const { cover, onTop } = page(rect(0, 0, 1000, 210));
    expect(uncovered(line, NONE, [cover], REACH, onTop)).toEqual([{ ...NONE, top: 210, cut: { top: true } }]);
  });

  it('ends the room under a line where a bar across it starts below the text', () => {
    const { cover, onTop } = page(rect(0, 230, 1000, 400));
    expect(uncovered(line, NONE, [cover], REACH, onTop)).toEqual([{ ...NONE, bottom: 230 }]);
  });

  it('keeps what lies left and right of a narrow box over the middle of a line', () => {
    const { cover, onTop } = page(rect(300, 150, 400, 300));
    expect(uncovered(line, NONE, [cover], REACH, onTop)).toEqual([
      { ...NONE, right: 300, cut: { right: true } },
      { ...NONE, left: 400, cut: { left: true } },
    ]);
  });

  it('cuts a line at the side of a box over its corner, not the whole line from below', () => {
    const { cover, onTop } = page(rect(600, 210, 1000, 500));
    expect(uncovered(line, NONE, [cover], REACH, onTop)).toEqual([{ ...NONE, right: 600, cut: { right: true } }]);
  });

  it('cuts nothing where the browser finds the text on top: a fixed background under the content', () => {
    const { cover, onTop } = page(rect(0, 0, 1000, 1000), true);
    const pieces = uncovered(line, NONE, [cover], REACH, onTop);
    expect(pieces).toEqual([NONE]);
    expect(pieces[0]).toBe(NONE);
  });

  it('ends only the room under a line over the width of a small box just below it, keeping the rest of the line whole', () => {
    const { cover, onTop } = page(rect(400, 240, 448, 288));
    expect(uncovered(line, NONE, [cover], REACH, onTop)).toEqual([
      { ...NONE, right: 400 },
      { ...NONE, left: 400, right: 448, bottom: 240 },
      { ...NONE, left: 448 },
    ]);
  });

  it('cuts nothing for a box clear of the line and of the room under it', () => {
    const { cover, onTop } = page(rect(0, 300, 1000, 400));
    expect(uncovered(line, NONE, [cover], REACH, onTop)[0]).toBe(NONE);
  });
});
