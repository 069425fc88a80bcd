import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from './paths';

// Guards the matching figures that met their bars in issue #4, so they cannot silently regress.
// Each check runs the team's own scorer over `npm run scan` / `npm run rank`.
function score(script: string, ...args: string[]): Record<string, number> {
  const out = execFileSync('node', [join(SHARED_DIR, 'eval', script), ...args, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const report = JSON.parse(out) as { summary?: Record<string, number> } & Record<string, number>;
  return report.summary ?? report;
}

describe('matching quality', () => {
  it('scores at least 0.95 precision and 0.90 recall on the dev pages, with no mark on pages that mention no claim', () => {
    const dev = score('score.mjs', join(SHARED_DIR, 'eval/dev'));
    expect(dev.precision).toBeGreaterThanOrEqual(0.95);
    expect(dev.recall).toBeGreaterThanOrEqual(0.9);
    expect(dev.falseMarksOnNegativePages).toBe(0);
  }, 120_000);

  it('ranks CheckThat! 2020 dev claims at MAP@5 0.82 or better', () => {
    const checkthat = score('map5.mjs', join(SHARED_DIR, 'corpora/checkthat2020'), 'dev');
    expect(checkthat.queries).toBe(197);
    expect(checkthat.map5).toBeGreaterThanOrEqual(0.82);
  }, 120_000);

  it('marks nothing on 32 real pages written before 2025', () => {
    const real = score('score.mjs', join(SHARED_DIR, 'corpora/realnews-sample'));
    expect(real.pages).toBe(32);
    expect(real.fp).toBe(0);
  }, 120_000);
});
