import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-script';

// The word knowledge the matcher ships is derived from npm packages by scripts in the repo; each
// rebuild must give the committed file byte for byte, so nobody edits the data by hand.
describe('derived word knowledge', () => {
  it.each([
    ['build-lexicon', 'data/lexicon.json'],
    ['build-lexicon', 'data/common-english.json'],
    ['build-synonyms', 'data/synonyms.json'],
  ])('%s rebuilds %s exactly', async (script, file) => {
    const { code, stdout } = await runScript(script, '--check');
    expect(stdout).toContain(`${file} is up to date`);
    expect(code).toBe(0);
  }, 60_000);
});
