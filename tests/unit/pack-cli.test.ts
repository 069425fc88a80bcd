import { execFile, spawn } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, openSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimReviewsFromCsv } from '@/lib/csv-reviews';
import { parsePackText } from '@/lib/pack';
import { buildPack } from '@/lib/pack-build';
import { runScript, runScriptWith } from '../helpers/run-script';
import { samplePack } from '../helpers/packs';

const CSV = [
  'Claim,Rating,Summary,URL,Publisher,Date,Claimant',
  '"Ferry fares doubled this year.",False,"Fares rose by 8 percent, says the operator.",https://checks.example/ferry,Harbour Checks,2026-11-18,A councillor',
  '"The lighthouse will become a hotel, ""soon"".",Unproven,,https://checks.example/lighthouse,Harbour Checks,2026-11-19,',
].join('\r\n');

const review = {
  '@context': 'https://schema.org', '@type': 'ClaimReview', url: 'https://checks.example/bridge', datePublished: '2026-11-01',
  claimReviewed: 'The bridge closes all summer.', author: { '@type': 'Organization', name: 'Harbour Checks' }, reviewRating: { '@type': 'Rating', alternateName: 'Misleading' },
};

describe('claimReviewsFromCsv', () => {
  it('reads a header in any order and case, quoted cells, and a byte-order mark', () => {
    const read = claimReviewsFromCsv(`\uFEFF${CSV}`);
    expect(read.ok && read.value.map((r) => [r.claimReviewed, (r.reviewRating as { alternateName: string }).alternateName])).toEqual([
      ['Ferry fares doubled this year.', 'False'],
      ['The lighthouse will become a hotel, "soon".', 'Unproven'],
    ]);
  });

  it('reads a semicolon file whose summaries hold decimal commas, and Excel\'s "sep=" line', () => {
    const semicolons = 'Claim;Rating;Summary;URL\nFerry fares doubled;False;Ils ont augmenté de 8,5 %, pas de 100 %, selon 2,1 millions de billets;https://checks.example/a\nThe bridge will close;True;Fermé, pour 3,5 mois;https://checks.example/b';
    for (const text of [semicolons, `sep=;\n${semicolons}`]) {
      const read = claimReviewsFromCsv(text);
      expect(read.ok && read.value.map((r) => [r.claimReviewed, r.reviewBody])).toEqual([
        ['Ferry fares doubled', 'Ils ont augmenté de 8,5 %, pas de 100 %, selon 2,1 millions de billets'],
        ['The bridge will close', 'Fermé, pour 3,5 mois'],
      ]);
    }
    // The "sep=" line is not a row: the rows keep the numbers the spreadsheet shows.
    expect(claimReviewsFromCsv(`sep=;\n${semicolons}`).rows).toEqual([2, 3]);
  });

  it('names what is missing', () => {
    expect(claimReviewsFromCsv('')).toEqual({ ok: false, error: ['The CSV file is empty: it needs a header row (claim, rating, …) and a row per fact-check.'] });
    expect(claimReviewsFromCsv('Claim,Score\nA,1')).toEqual({ ok: false, error: ['header: no "rating" column (the header names "Claim", "Score")'] });
    expect(claimReviewsFromCsv('claim,rating')).toEqual({ ok: false, error: ['The CSV file has a header row but no fact-checks under it.'] });
  });
});

describe('buildPack', () => {
  it('joins CSV, ClaimReview and our packs into one pack that imports as it was built', () => {
    const built = buildPack([
      { name: 'checks.csv', text: CSV },
      { name: 'bridge.jsonld', text: JSON.stringify([review]) },
      { name: 'ours.json', text: JSON.stringify(samplePack()) },
    ], { id: 'harbour-checks', title: 'Harbour Checks', publisher: 'Harbour Checks', today: '2026-12-03' });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.report).toEqual(['checks.csv: 2 claims (CSV)', 'bridge.jsonld: 1 claim (ClaimReview)', 'ours.json: 2 claims (Claimlight pack)']);
    const { pack } = built.value;
    expect(pack).toMatchObject({ id: 'harbour-checks', title: 'Harbour Checks', version: '2026-12-03', formatVersion: 2 });
    expect(pack.claims.map((c) => c.verdict)).toEqual(['false', 'unverified', 'imprecise', 'imprecise', 'false']);
    const again = parsePackText(JSON.stringify(pack));
    expect(again.ok && again.value.pack).toEqual(pack);
  });

  it('keeps two different reviews whose short ids clash across files, each under the longer id an import of one file gives it', () => {
    // Reviews 2795 and 8261 of this shape hash to the same 32 bits (cr-5701781c).
    const text = (i: number) => `The ferry fares rose by ${i} percent this year.`;
    const clashing = (i: number) => ({ '@type': 'ClaimReview', url: `https://checker.example/reviews/${i}`, claimReviewed: text(i), author: { name: 'Harbour Check' }, reviewRating: { alternateName: 'False' } });
    const file = (name: string, ...ns: number[]) => ({ name, text: JSON.stringify(ns.map(clashing)) });
    const idsOf = (inputs: { name: string; text: string }[]) => {
      const built = buildPack(inputs, { id: 'p', today: '2026-12-03' });
      if (!built.ok) throw new Error(built.error.join('\n'));
      return { ids: Object.fromEntries(built.value.pack.claims.map((c) => [c.text, c.id])), report: built.value.report };
    };
    const apart = idsOf([file('a.jsonld', 2795), file('b.jsonld', 8261)]);
    expect(Object.keys(apart.ids).sort()).toEqual([text(2795), text(8261)].sort());
    // The same ids as one file holding both gives them, whatever the order of the files.
    const together = parsePackText(JSON.stringify([2795, 8261].map(clashing)));
    expect(together.ok && Object.fromEntries(together.value.pack.claims.map((c) => [c.text, c.id]))).toEqual(apart.ids);
    expect(idsOf([file('b.jsonld', 8261), file('a.jsonld', 2795)]).ids).toEqual(apart.ids);
    expect(apart.report).toContain('1 short id given to different reviews by different files: each review took a longer id');
    // A review given again by a later file, under its short id or its longer one, is still one claim.
    expect(idsOf([file('a.jsonld', 2795), file('b.jsonld', 2795, 8261)]).ids).toEqual(apart.ids);
    expect(idsOf([file('a.jsonld', 2795, 8261), file('b.jsonld', 2795)]).ids).toEqual(apart.ids);
    expect(idsOf([file('a.jsonld', 2795), file('b.jsonld', 2795)]).ids).toEqual({ [text(2795)]: 'cr-5701781c' });
  });

  it('names the publishers of many fact-checkers’ files as an import does, within the field (it refused to write without --publisher)', () => {
    const outlets = Array.from({ length: 22 }, (_, i) => `Fact-checking outlet number ${i + 1} of the coalition`);
    const built = buildPack(outlets.map((name, i) => ({ name: `${i}.jsonld`, text: JSON.stringify([{ ...review, url: `https://checks.example/${i}`, author: { '@type': 'Organization', name } }]) })), { id: 'coalition', today: '2026-12-03' });
    if (!built.ok) throw new Error(built.error.join('\n'));
    expect(built.value.pack.publisher).toBe(`${outlets.slice(0, 3).join(', ')} and 19 more`);
    expect(built.value.pack.title.startsWith('Fact-checks by Fact-checking outlet number 1')).toBe(true);
    // Files that share outlets name each one once.
    const byOutlet = (name: string, i: number) => ({ ...review, url: `https://checks.example/${name}/${i}`, author: { '@type': 'Organization', name } });
    const shared = buildPack([
      { name: 'four.jsonld', text: JSON.stringify(['Alpha', 'Beta', 'Gamma', 'Delta'].map(byOutlet)) },
      { name: 'alpha.jsonld', text: JSON.stringify([byOutlet('Alpha', 9)]) },
    ], { id: 'shared', today: '2026-12-03' });
    if (!shared.ok) throw new Error(shared.error.join('\n'));
    expect(shared.value.pack.publisher).toBe('Alpha, Beta, Gamma and 1 more');
  });

  it('names the publisher the build is given in the claims of a CSV that names none (they said "an unnamed fact-checker")', () => {
    const built = buildPack([{ name: 'checks.csv', text: 'claim;rating\nFerry fares doubled.;False\n' }], { id: 'p', publisher: 'Harbour Checks', today: '2026-12-03' });
    if (!built.ok) throw new Error(built.error.join('\n'));
    expect(built.value.pack.claims[0]!.summary).toContain('by Harbour Checks');
  });

  it('names a problem by its spreadsheet row, blank rows counted, in a CSV of either delimiter', () => {
    for (const [delimiter, text] of <[string, string][]>[[',', 'claim,rating\r\nFerry fares doubled.,False\r\n\r\n,True\r\n'], [';', 'claim;rating\r\n\r\nFerry fares doubled.;False\r\n;True\r\n']]) {
      const built = buildPack([{ name: 'gap.csv', text }], { id: 'p', today: '2026-12-03' });
      expect(built.ok, delimiter).toBe(false);
      if (built.ok) continue;
      expect(built.error[0], delimiter).toMatch(/^gap\.csv: row 4: claimReviewed: missing/);
    }
  });

  it('keeps the later check of a claim a spreadsheet gives twice, rated anew, and says so; a row given twice alike is one claim', () => {
    const built = buildPack([{ name: 'checks.csv', text: 'claim,rating,date\nFerry fares doubled.,False,2024-03-01\nFerry fares doubled.,True,2025-03-01\nThe bridge closed.,False,2025-01-01\nThe bridge closed.,False,2025-01-01\n' }], { id: 'p', publisher: 'Harbour Checks', today: '2026-12-03' });
    if (!built.ok) throw new Error(built.error.join('\n'));
    expect(built.value.pack.claims.map((c) => [c.text, c.verdict])).toEqual([
      ['Ferry fares doubled.', 'accurate'],
      ['The bridge closed.', 'false'],
    ]);
    expect(built.value.report).toContain('checks.csv: row 3: the same claim as an earlier review, checked again: the later check is kept');
  });

  it('says which dates it left out, written as a spreadsheet writes them in its locale', () => {
    const built = buildPack([{ name: 'checks.csv', text: 'claim,rating,date,claimDate\nFerry fares doubled.,False,12/02/2025,10.02.2025\nThe bridge closed.,False,2025-02-12T10:00,2025-02-10\n' }], { id: 'p', publisher: 'Harbour Checks', today: '2026-12-03' });
    if (!built.ok) throw new Error(built.error.join('\n'));
    expect(built.value.report).toEqual([
      'checks.csv: 2 claims (CSV)',
      'checks.csv: row 2: datePublished "12/02/2025" is not a date written as 2025-02-12, and was left out',
      'checks.csv: row 2: itemReviewed.datePublished "10.02.2025" is not a date written as 2025-02-12, and was left out',
    ]);
    expect(built.value.pack.claims[1]!.claimDate).toBe('2025-02-10');
  });

  it('names the rows whose rating is empty or names no verdict it knows, which go out as not rated', () => {
    const csv = ['Claim,Rating,URL,Publisher', '"Ferry fares doubled",,https://checks.example/1,Harbour Checks', '', '"The pier closed",Flase,https://checks.example/3,Harbour Checks', '"The bridge closes all summer",False,https://checks.example/2,Harbour Checks'].join('\n');
    const built = buildPack([{ name: 'checks.csv', text: csv }], { id: 'harbour', today: '2026-12-01' });
    expect(built.ok && built.value.report.filter((line) => /row \d/.test(line))).toEqual([
      'checks.csv: row 2: no rating: published as not rated',
      'checks.csv: row 4: rating “Flase” is no verdict Claimlight knows: published as not rated, the rating shown as written',
    ]);
    expect(built.ok && built.value.pack.claims.map((c) => c.verdict)).toEqual(['unrated', 'unrated', 'false']);
  });

  it('writes nothing when an input has a problem, and names the file and the row', () => {
    const bad = buildPack([{ name: 'checks.csv', text: 'claim,rating\n,False\nFares fell.,True' }, { name: 'x.json', text: '{' }], { id: 'p', today: '2026-12-03' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error[0]).toMatch(/^checks\.csv: row 2: claimReviewed: missing/);
    expect(bad.error[1]).toMatch(/^x\.json: The file is not valid JSON/);
  });
});

describe('decodeTextFile', () => {
  it('reads a file by its byte-order mark, as UTF-8 where it is, else as windows-1252 and says so', async () => {
    const { decodeTextFile } = await import('../../scripts/lib/saved-page');
    const text = 'Claim;Rating\r\nLe président a menti;Faux’\r\n';
    expect(decodeTextFile(Buffer.from(text, 'utf8'))).toEqual({ text });
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text });
    // Excel's plain "CSV" on Windows: é is 0xE9, ’ is 0x92.
    const excel = decodeTextFile(Buffer.from([...text].map((ch) => (ch === '’' ? 0x92 : ch.charCodeAt(0)))));
    expect(excel.text).toBe(text);
    expect(excel.note).toMatch(/not UTF-8: read as windows-1252/);
    // A UTF-8 file with one stray byte (a quote pasted from Word) is still read as UTF-8.
    const stray = decodeTextFile(Buffer.concat([Buffer.from('Le président a menti ', 'utf8'), Buffer.from([0x93]), Buffer.from('vraiment', 'utf8')]));
    expect(stray.text).toBe('Le président a menti \uFFFDvraiment');
    expect(stray.note).toMatch(/^a byte not UTF-8/);
  });

  it('reads a saved page in the encoding its <meta charset> names, and imports its ClaimReview so', async () => {
    const { decodeTextFile } = await import('@/lib/text-files');
    const review = { '@context': 'https://schema.org', '@type': 'ClaimReview', url: 'https://checker.example/ferry', claimReviewed: 'Паром подорожал вдвое', author: { '@type': 'Organization', name: 'Проверка' }, reviewRating: { '@type': 'Rating', alternateName: 'Неправда' } };
    const page = `<!doctype html><html><head><meta charset="windows-1251"><script type="application/ld+json">${JSON.stringify(review)}</script></head><body></body></html>`;
    // windows-1251 puts А to я at 0xC0 to 0xFF.
    const bytes = Uint8Array.from([...page].map((ch) => (ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
    const { text } = decodeTextFile(bytes);
    expect(text).toBe(page);
    const parsed = parsePackText(text);
    expect(parsed.ok && [parsed.value.pack.claims[0]!.text, parsed.value.pack.claims[0]!.verdict]).toEqual(['Паром подорожал вдвое', 'false']);
    // A page that names UTF-16 under any of its names is read as the HTML standard reads it: not as UTF-16.
    for (const label of ['utf-16', 'unicode', 'ucs-2', 'csunicode']) {
      const named = Uint8Array.from(`<!doctype html><html><head><meta charset="${label}"><title>Caf\xe9</title></head></html>`, (ch) => ch.charCodeAt(0));
      expect(decodeTextFile(named).text, label).toContain('<title>Caf');
    }
    // A file that is no page is read as before, whatever it says.
    expect(decodeTextFile(Uint8Array.from([0x22, 0xe9, 0x22, 0x20, 0x3c, 0x6d, 0x65, 0x74, 0x61, 0x20, 0x63, 0x68, 0x61, 0x72, 0x73, 0x65, 0x74, 0x3d, 0x6b, 0x6f, 0x69, 0x38, 0x2d, 0x72, 0x3e])).text).toBe('"é" <meta charset=koi8-r>');
  });
});

describe('npm run pack', () => {
  it('builds a pack file and reports what went in, or refuses with every problem and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlight-pack-'));
    writeFileSync(join(dir, 'checks.csv'), CSV);
    const out = join(dir, 'harbour.claimlight.json');
    const run = await runScript('pack', 'build', join(dir, 'checks.csv'), '--out', out, '--publisher', 'Harbour Checks');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('checks.csv: 2 claims (CSV)');
    expect(run.stdout).toMatch(/wrote .*harbour\.claimlight\.json: "Fact-checks by Harbour Checks" \(id harbour\), 2 claims, format 2/);
    expect(JSON.parse(readFileSync(out, 'utf8')).claims).toHaveLength(2);
    const refused = await runScript('pack', 'build', join(dir, 'missing.csv'), '--out', join(dir, 'x.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/missing\.csv: cannot read it \(ENOENT\)/);
    const usage = await runScript('pack', 'make');
    expect([usage.code, usage.stderr.split('\n')[0]]).toEqual([2, 'pack: unknown command "make"']);
    // Asked for, the usage is an answer on standard output, as scan's and rank's are.
    for (const help of [['--help'], ['-h'], ['build', '--help']]) {
      const asked = await runScript('pack', ...help);
      expect([asked.code, asked.stdout.startsWith('usage: npm run pack -- build'), asked.stderr]).toEqual([0, true, '']);
    }
  }, 60_000);

  it('refuses to write the pack over one of its inputs, and an --id that is no pack id, before reading anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlight-pack-'));
    writeFileSync(join(dir, 'checks.csv'), CSV);
    const over = await runScript('pack', 'build', join(dir, 'checks.csv'), '--out', join(dir, '.', 'checks.csv'));
    expect(over.code).toBe(2);
    expect(over.stderr.split('\n')[0]).toMatch(/^pack: --out .*checks\.csv is the input .*checks\.csv: writing the pack there would replace it; give another --out$/);
    expect(readFileSync(join(dir, 'checks.csv'), 'utf8')).toBe(CSV);
    const badId = await runScript('pack', 'build', join(dir, 'checks.csv'), '--out', join(dir, 'x.json'), '--id', 'bad id');
    expect(badId.code).toBe(2);
    expect(badId.stderr.split('\n')[0]).toBe('pack: --id "bad id": a pack id is letters, digits and . _ : - (starting with a letter or digit), 200 at most');
  }, 60_000);

  it('leaves the pack it wrote before whole when writing the new one fails half way (a full disk)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlight-pack-'));
    const csv = (rows: number) => ['claim,rating,url,publisher', ...Array.from({ length: rows }, (_, i) => `"Ferry fares rose by ${i} percent",False,https://checks.example/${i},Harbour Checks`)].join('\n');
    const out = join(dir, 'harbour.claimlight.json');
    writeFileSync(join(dir, 'small.csv'), csv(3));
    writeFileSync(join(dir, 'big.csv'), csv(2_000));
    expect((await runScript('pack', 'build', join(dir, 'small.csv'), '--out', out)).code).toBe(0);
    const published = readFileSync(out, 'utf8');
    // A file size limit of 200 KB (`ulimit -f`, in 1 KB blocks) fails the write of the ~900 KB pack
    // part way, as a full disk does.
    const full = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile('bash', ['-c', 'ulimit -f 200; exec "$0" --import tsx scripts/pack.ts "$@"', process.execPath, 'build', join(dir, 'big.csv'), '--out', out], (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
      );
    });
    expect([full.code, full.stderr]).toEqual([1, expect.stringMatching(/cannot write it \(EFBIG\)/)]);
    expect(readFileSync(out, 'utf8')).toBe(published);
    expect(readdirSync(dir).sort()).toEqual(['big.csv', 'harbour.claimlight.json', 'small.csv']);
  }, 60_000);

  it('reads and writes paths from the folder npm was run in, writes through a link to the published file, and shows no control characters of its inputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlight-pack-'));
    writeFileSync(join(dir, 'checks.csv'), CSV);
    mkdirSync(join(dir, 'www'));
    writeFileSync(join(dir, 'www', 'published.json'), '{}');
    symlinkSync(join('www', 'published.json'), join(dir, 'feed.json'));
    const run = await runScriptWith({ INIT_CWD: dir, npm_lifecycle_event: 'pack' }, 'pack', 'build', 'checks.csv', '--out', 'feed.json', '--id', 'harbour');
    expect([run.code, run.stderr]).toEqual([0, '']);
    // The link still points at the published file, which holds the new pack.
    expect(lstatSync(join(dir, 'feed.json')).isSymbolicLink()).toBe(true);
    const published = parsePackText(readFileSync(join(dir, 'www', 'published.json'), 'utf8'));
    expect(published.ok && published.value.pack.claims).toHaveLength(2);
    expect(readdirSync(join(dir, 'www'))).toEqual(['published.json']);
    // A binary input's bytes, quoted in the problem, reach the terminal as escapes.
    writeFileSync(join(dir, 'binary.json'), Buffer.from([0x7b, 0x1b, 0x5d, 0x30, 0x3b, 0x07, 0x02, 0x00]));
    const binary = await runScriptWith({ INIT_CWD: dir, npm_lifecycle_event: 'pack' }, 'pack', 'build', 'binary.json', '--out', 'x.json');
    expect(binary.code).toBe(1);
    expect(binary.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  }, 60_000);

  it('writes the pack to its standard output when told "--out /dev/stdout", into a pipe, with its report on standard error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlight-pack-'));
    // Four hundred rows: a pack of some 200 KB, more than a pipe holds at once.
    const rows = Array.from({ length: 400 }, (_, i) => `"Ferry fares rose by ${i} percent on route ${i}.",False,"The operator's table for route ${i} says otherwise, in full.",https://checks.example/ferry-${i},Harbour Checks,2026-11-18,A councillor`);
    writeFileSync(join(dir, 'checks.csv'), [CSV.split('\r\n')[0], ...rows].join('\r\n'));
    // Run with its output into a pipe, as "npm run pack -- build … --out /dev/stdout | jq" runs it
    // (here a socket, as Node gives its child processes, which cannot be opened by that name).
    const run = await runScript('pack', 'build', join(dir, 'checks.csv'), '--out', '/dev/stdout', '--id', 'harbour', '--publisher', 'Harbour Checks');
    expect(run.stderr).toMatch(/wrote \/dev\/stdout: "Fact-checks by Harbour Checks" \(id harbour\), 400 claims, format 2/);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(100_000);
    expect(JSON.parse(run.stdout).claims).toHaveLength(400);
  }, 60_000);

  it('says in a line when its output cannot be written (a full disk), not in a stack trace', async () => {
    // Its output on a device that is always full.
    const full = openSync('/dev/full', 'w');
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/pack.ts', '--help'], { stdio: ['ignore', full, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
    });
    closeSync(full);
    expect([run.code, run.stderr.trim()]).toEqual([1, 'pack: cannot write the output (ENOSPC)']);
  }, 60_000);

  it('says so when it cannot write the pack, cannot name it, or would make one too big to import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlight-pack-'));
    writeFileSync(join(dir, 'checks.csv'), CSV);
    const unwritable = await runScript('pack', 'build', join(dir, 'checks.csv'), '--out', join(dir, 'no-such-folder', 'x.json'));
    expect([unwritable.code, unwritable.stderr.trim()]).toEqual([1, `pack: ${join(dir, 'no-such-folder', 'x.json')}: cannot write it (ENOENT)`]);
    const twice = await runScript('pack', 'build', join(dir, 'checks.csv'), '--out', join(dir, 'a.json'), '--out', join(dir, 'b.json'));
    expect([twice.code, twice.stderr.split('\n')[0]]).toEqual([2, 'pack: --out is given more than once']);
    const unnamed = await runScript('pack', 'build', join(dir, 'checks.csv'), '--out', join(dir, 'ü.json'));
    expect([unnamed.code, unnamed.stderr.trim()]).toEqual([2, 'pack: cannot make a pack id of the file name "ü.json"; give one with --id (letters, digits, . _ : -)']);
    // 9,000 reviews with long summaries: a pack past the 16 MB that the settings page imports.
    const long = 'The operator says fares rose by eight percent over the year, not double, and publishes each month\'s tariff. '.repeat(16);
    const rows = Array.from({ length: 9_000 }, (_, i) => `"Ferry fares doubled on route ${i}.",False,"${long}",https://checks.example/ferry-${i},Harbour Checks,2026-11-18,`);
    writeFileSync(join(dir, 'big.csv'), [CSV.split('\r\n')[0], ...rows].join('\r\n'));
    const big = await runScript('pack', 'build', join(dir, 'big.csv'), '--out', join(dir, 'big.json'));
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/^pack: nothing written; The file is \d+\.\d MB; Claimlight imports fact packs of up to 16\.0 MB\. Split it into smaller packs\./);
    expect(() => readFileSync(join(dir, 'big.json'))).toThrow();
  }, 120_000);
});
