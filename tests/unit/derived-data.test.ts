import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-script';

// The word knowledge the matcher ships is derived from npm packages by scripts in the repo; each
// rebuild must give the committed file byte for byte, so nobody edits the data by hand.
describe('derived word knowledge', () => {
  // (Some 25 s each on an idle two-core machine, twice that under load: one run of each script,
  // with time to spare.)
  it.each([
    ['build-lexicon', ['data/lexicon.json', 'data/common-english.json']],
    ['build-synonyms', ['data/synonyms.json']],
  ] as const)('%s rebuilds %j exactly', async (script, files) => {
    const { code, stdout } = await runScript(script, '--check');
    for (const file of files) expect(stdout).toContain(`${file} is up to date`);
    expect(code).toBe(0);
  }, 180_000);
});

// The team's dev scripts, run by hand: a misspelt option rebuilt and wrote the data it was to check.
describe('the data and fitting scripts\' options', () => {
  it.each(['build-lexicon', 'build-synonyms', 'fit-match', 'fit-rank', 'pair-digest'])('%s refuses an option it does not know, in one line with its usage, and writes nothing', async (script) => {
    const before = ['data/lexicon.json', 'data/synonyms.json', 'data/match-model.json'].map((file) => readFileSync(file, 'utf8'));
    const { code, stdout, stderr } = await runScript(script, '--chek');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^${script}: Unknown option '--chek'.*\\nusage: npx tsx scripts/${script}\\.ts`));
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(['data/lexicon.json', 'data/synonyms.json', 'data/match-model.json'].map((file) => readFileSync(file, 'utf8'))).toEqual(before);
    const help = await runScript(script, '--help');
    expect([help.code, help.stdout.startsWith(`usage: npx tsx scripts/${script}.ts`)]).toEqual([0, true]);
  }, 60_000);

  it.each([['fit-match', '--shared'], ['fit-rank', '--dir'], ['pair-digest', '--shared']])('%s says in one line where the shared data it reads is missing', async (script, option) => {
    const { code, stderr } = await runScript(script, option, '/nowhere/shared');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`${script}: needs the team's shared data at /nowhere/shared, which is not there; give its place with ${option} DIR`);
  }, 60_000);
});
