import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the README', () => {
  it('shows only screenshots that are in the repository, each made by npm run screenshots', () => {
    const readme = readFileSync('README.md', 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(5);
    expect(images.filter((path) => !existsSync(path))).toEqual([]);
    const script = readFileSync('scripts/screenshots.ts', 'utf8');
    for (const path of images) expect(script).toContain(path.split('/').pop());
  });
});
