import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-script';
import { SHARED_DIR } from './paths';

// Guards the matching figures that issues #4 and #11 reached, so they cannot silently regress.
// Each check runs the team's own scorer over `npm run scan` / `npm run rank`; `scanArgs` go to the scan.
// Besides each bar (the issue's, or a figure rounded down), each set is held to the mentions it
// finds and the wrong marks it makes (`reached`): a bar alone let a mention be lost, or two wrong
// marks through, unseen (the dev pages' 0.95 and 0.90 passed at 0.958 precision and at 0.938 recall).
function score(script: string, args: string[], scanArgs: string[] = []): Record<string, number> {
  const out = execFileSync('node', [join(SHARED_DIR, 'eval', script), ...args, '--json', ...(scanArgs.length ? ['--', ...scanArgs] : [])], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const report = JSON.parse(out) as { summary?: Record<string, number> } & Record<string, number>;
  return report.summary ?? report;
}

/** Holds a set to the mentions it found and the wrong marks it made when these bars were set. */
function reached(measured: Record<string, number>, found: number, wrong: number, what: string): void {
  expect(measured.tp, `${what}: mentions found`).toBeGreaterThanOrEqual(found);
  expect(measured.fp, `${what}: wrong marks`).toBeLessThanOrEqual(wrong);
}

describe('matching quality', () => {
  it('scores at least 0.95 precision and 0.90 recall on the dev pages, with no mark on pages that mention no claim', () => {
    const dev = score('score.mjs', [join(SHARED_DIR, 'eval/dev')]);
    expect(dev.precision).toBeGreaterThanOrEqual(0.95);
    expect(dev.recall).toBeGreaterThanOrEqual(0.9);
    expect(dev.falseMarksOnNegativePages).toBe(0);
    reached(dev, 46, 0, 'dev');
  }, 120_000);

  it('finds the dev pages’ claims from their own words with every cue ignored (F1 0.83 or better), marking no page that mentions none', () => {
    const dev = score('score.mjs', [join(SHARED_DIR, 'eval/dev')], ['--no-cues']);
    // Issue #11 asks for 0.85. It read 0.833, then 0.824 once the fit's bar fell to mark the
    // imported feed's posts at recall 0.50; 0.805 since claims are judged only where one of their
    // names is near (the refit bar, 0.49, lets two more wrong marks through here, while the
    // imported feed and the pages held out gain); 0.818 since a block that nearly restates an item
    // of a claim's record makes the claim a candidate; 0.810 since a claim is marked beside a
    // likelier one only where the sentence writes a word of its own (two wrong marks fewer, and two
    // found fewer, where the likelier of two claims told in one sentence was the wrong one), while
    // the imported feed gains and the sets written apart without cues gain in all (most in
    // eval-extra-2 and -3, whose errors were read; the held-out -4 and -5 slip by 0.001 and 0.004);
    // 0.819 since the fit learns from train-feed and keeps its real pages free of marks (one wrong
    // mark fewer); 0.833 since each of a claim's parallel "that" clauses is one more statement of
    // it ("Their joint statement says Ukraine and Europe must both take part" is found).
    expect(dev.f1).toBeGreaterThanOrEqual(0.83);
    expect(dev.falseMarksOnNegativePages).toBe(0);
    reached(dev, 35, 1, 'dev without cues');
  }, 120_000);

  it('finds the claims of an imported cue-less ClaimReview feed in CheckThat! dev posts, with few marks on real pages', () => {
    const imported = score('imported.mjs', ['dev', '--neg', join(SHARED_DIR, 'corpora/realnews-sample/pages')]);
    expect(imported.pages).toBe(197);
    // Issue #11's bar: recall 0.50 at precision 0.85 or better, 5 real-page marks at most. It reads
    // 0.540 since a claim beside a likelier one on a sentence needs a word of its own (0.525 before),
    // with 4 real-page marks; 0.515 at precision 0.944 with 1 mark since the fit learns from
    // train-feed's news pages and keeps the training real pages free of marks (the posts are
    // tweets; wrong marks fall on the news pages: eval-feed, the real pages, eval-extra-4 and -5
    // gain, though eval-feed-2, written after, loses 0.029 of F1 in recall); 0.530 at 0.938 with 3
    // marks since a claim's parallel "that" clauses are statements of it: the refit's bar fell from
    // 0.46 to 0.44, the training real pages' best pair having fallen below it, and two odd (held
    // out) pages' pairs at 0.44 and 0.46 pass it; 0.525 since a title cut short ("Gov.") is no
    // name (one post's pair sits at the bar, 0.440, and the refit moved the bar's last digits).
    expect(imported.recall).toBeGreaterThanOrEqual(0.52);
    expect(imported.precision).toBeGreaterThanOrEqual(0.93);
    expect(imported.negPages).toBe(32);
    expect(imported.negMarks).toBeLessThanOrEqual(3);
    // 6 wrong since a claim written in title case gives no names (7 December 2026): 7 before.
    // 107 found and 8 wrong since a question put to the reader is marked for its likeliest claim
    // from the loose bar (find-mentions.ts; the training posts 429 -> 436 found, 29 -> 32 wrong).
    reached(imported, 107, 8, 'imported');
  }, 300_000);

  // 0.8419 until the ranker's weights were refitted after the tokenizer learned hashtags (56d4389);
  // 0.8435 then, and 0.8414 since the weights were refitted after it learned numbers written in
  // words and "%" as "percent": three dev tweets moved (rank 3 to 5, 5 to none, 3 to 4), none with
  // a figure in it, by the weights' shift alone; train's 5-fold figure rose from 0.8886 to 0.8889.
  it('ranks CheckThat! 2020 dev claims at MAP@5 0.841 or better', () => {
    const checkthat = score('map5.mjs', [join(SHARED_DIR, 'corpora/checkthat2020'), 'dev']);
    expect(checkthat.queries).toBe(197);
    expect(checkthat.map5).toBeGreaterThanOrEqual(0.841);
  }, 120_000);

  // A change to the tokenizer reaches the ranker's signals too (56d4389 changed them and left the
  // weights fitted before it): the weights shipped must be what the script fits now.
  it('ships the ranker weights that scripts/fit-rank.ts fits from the train split', async () => {
    const { code, stdout, stderr } = await runScript('fit-rank', '--dir', join(SHARED_DIR, 'corpora/checkthat2020'), '--verify');
    expect(stderr).toBe('');
    expect(stdout).toContain("lib/matching/rank.ts's weights are what this script fits");
    expect(code).toBe(0);
  }, 300_000);

  it('marks nothing on 32 real pages written before 2025', () => {
    const real = score('score.mjs', [join(SHARED_DIR, 'corpora/realnews-sample')]);
    expect(real.pages).toBe(32);
    expect(real.fp).toBe(0);
  }, 120_000);

  it('keeps our second labelled set (written apart, other phrasings) at 0.95 precision and 0.90 recall', () => {
    const extra = score('score.mjs', ['tests/fixtures/eval-extra']);
    expect(extra.precision).toBeGreaterThanOrEqual(0.95);
    expect(extra.recall).toBeGreaterThanOrEqual(0.9);
    expect(extra.falseMarksOnNegativePages).toBe(0);
    reached(extra, 65, 1, 'eval-extra');
    // Without cues it has no bar of the issue's; it is kept from getting worse.
    reached(score('score.mjs', ['tests/fixtures/eval-extra'], ['--no-cues']), 39, 7, 'eval-extra without cues');
  }, 120_000);

  // The bar with cues was 0.76 (it read 0.769) until a claim beside a likelier one needed a word
  // of its own: the refit's lower bar let three wrong marks more through with cues, while without
  // them the set rose from 0.778 to 0.818. Without cues it fell to 0.795 once the fit learned from
  // train-feed (the pooled sets below gain, this one alone loses one mention).
  // 18 and 12 wrong marks, 2 each on its pages about no claim, until a sentence's own dates had to
  // touch the claim's days, not only the weeks it is news, and its days of the week were read
  // (7 December 2026): 17 and 11, 1 each.
  it('keeps our third labelled set (written apart, never fitted on) at F1 0.74 with cues, 0.81 without', () => {
    // 36 found without cues since a question put to the reader is marked from the loose bar.
    for (const [options, f1, found, wrong] of [[[], 0.74, 36, 17], [['--no-cues'], 0.81, 36, 11]] as const) {
      const held = score('score.mjs', ['tests/fixtures/eval-extra-2'], [...options]);
      expect(held.f1).toBeGreaterThanOrEqual(f1);
      expect(held.falseMarksOnNegativePages).toBeLessThanOrEqual(1);
      reached(held, found, wrong, `eval-extra-2 ${options.join(' ')}`);
    }
  }, 120_000);

  // The fourth set was read once for its errors (see its README); the fifth and sixth are held out.
  // None is fitted on. The bars are ratchets at the figures reached: since the fit learns from
  // train-feed, 0.750 / 0.650, 0.769 / 0.675 and 0.691 / 0.645 (eval-extra-5 without cues fell from
  // 0.641 to 0.637 with the word-of-its-own rule before); since a claim's parallel "that" clauses
  // are statements of it, 0.750 / 0.642 (one wrong mark on a page about none), 0.783 / 0.675 and
  // 0.691 / 0.645. The seventh, eval-extra-6, written on 5 December 2026 to weigh changes on more
  // pages, read 0.727 / 0.744 at first (its README). eval-extra-4 without cues took a wrong mark
  // fewer since a sentence's own dates must touch the claim's days (7 December 2026). eval-extra-5
  // with cues found a mention more since a question put to the reader is marked from the loose bar.
  // The counts after each set: mentions found and wrong marks, with cues and without.
  it.each([
    ['fourth', 'eval-extra-3', 0.74, 0.64, [33, 11, 26, 11]],
    ['fifth', 'eval-extra-4', 0.78, 0.68, [36, 11, 28, 9]],
    ['sixth', 'eval-extra-5', 0.69, 0.64, [57, 14, 50, 12]],
    ['seventh', 'eval-extra-6', 0.72, 0.74, [64, 15, 64, 11]],
  ] as const)('keeps our %s labelled set (%s, written apart) at F1 %s with cues, %s without', (_, set, withCuesF1, withoutCuesF1, counts) => {
    const withCues = score('score.mjs', [`tests/fixtures/${set}`]);
    expect(withCues.f1).toBeGreaterThanOrEqual(withCuesF1);
    reached(withCues, counts[0], counts[1], `${set} with cues`);
    const withoutCues = score('score.mjs', [`tests/fixtures/${set}`], ['--no-cues']);
    expect(withoutCues.f1).toBeGreaterThanOrEqual(withoutCuesF1);
    reached(withoutCues, counts[2], counts[3], `${set} without cues`);
    for (const held of [withCues, withoutCues]) expect(held.falseMarksOnNegativePages).toBeLessThanOrEqual(1);
  }, 120_000);

  // The eighth, eval-extra-7, written on 6 December 2026 to find false marks: thirteen pages beside
  // the claims (the same people and numbers, other events, three other languages) and four that
  // mention them. It read 0.667 / 0.584 with 6 and 7 wrong marks on the thirteen (its README): kept
  // from getting worse. 0.690 / 0.598 with 3 and 5 since a sentence's own dates must touch the
  // claim's days, not only the weeks it is news, and its days of the week are read around the page's
  // date (7 December 2026: "Zelensky said his call with Trump on Wednesday had lasted about an hour",
  // on 19 March, is another call).
  it('keeps the eighth labelled set (eval-extra-7, pages beside the claims) at F1 0.685 with cues, 0.59 without, and its wrong marks on pages about no claim at 3 and 5', () => {
    for (const [options, f1, wrong, found, allWrong] of [[[], 0.685, 3, 30, 14], [['--no-cues'], 0.59, 5, 26, 18]] as const) {
      const held = score('score.mjs', ['tests/fixtures/eval-extra-7'], [...options]);
      expect(held.f1).toBeGreaterThanOrEqual(f1);
      expect(held.falseMarksOnNegativePages).toBeLessThanOrEqual(wrong);
      reached(held, found, allWrong, `eval-extra-7 ${options.join(' ')}`);
    }
  }, 120_000);

  // One set of forty to ninety mentions moves by 0.01 or more with a mention found or lost: pooled,
  // the four sets written apart and never fitted on (222 mentions; -2 and -3 are dev sets now, -4
  // and -5 held out) say more about a change than any one of them.
  // 0.726 / 0.678 before the fit learned from train-feed, 0.731 / 0.685 since.
  it('keeps the four sets written apart, pooled, at F1 0.73 with cues and 0.68 without', () => {
    for (const [options, f1] of [[[], 0.73], [['--no-cues'], 0.68]] as const) {
      let tp = 0;
      let fp = 0;
      let gold = 0;
      for (const set of ['eval-extra-2', 'eval-extra-3', 'eval-extra-4', 'eval-extra-5']) {
        const held = score('score.mjs', [`tests/fixtures/${set}`], [...options]);
        tp += held.tp!;
        fp += held.fp!;
        gold += held.gold!;
      }
      expect(gold).toBe(222);
      expect((2 * tp) / (tp + fp + gold)).toBeGreaterThanOrEqual(f1);
    }
  }, 240_000);

  // Pages about another fact-checker's claims, against its whole feed (10,375 claims), each set's
  // first read (see their READMEs) was 0.533 with 6 marks on its negative pages and 0.472 with 19.
  // eval-feed's figures have chosen between fits since (see its README); train-feed is fitted on: it read 0.467 with 15 (the bar, held to
  // no mark on the training real pages, rose), and 0.464 with 16 since the lexicon lost a bogus stem
  // (bee4a08: "constructor" had been read as the source of Object); eval-feed 0.548 with 1. eval-feed-2, written
  // later to fit on and held out instead (its README says why), read 0.497 with 4 at first (0.526
  // with 8 under the model before the fit on train-feed).
  // eval-review's pages are about the claims of three other fact-checkers' feeds, dated when they
  // were said, scored in a store that also holds the CheckThat! feed: 0.260 (R 0.157) at first,
  // when a statement was held to the 40 days after it was made; 0.673 since it carries its verdict
  // wherever it is repeated (its README). eval-review-2 and -3, six more such feeds, are held out:
  // read at that engine only (0.345 and 0.242 under the one before). Since the tokenizer reads
  // "ten thousand" as 10000 and "per cent" and "%" as "percent": eval-feed 0.566, eval-feed-2
  // 0.495, eval-review-2 0.610 with 7, eval-review-3 0.648 (0.548, 0.497, 0.606 with 8, 0.637).
  // Since a claim's parallel "that" clauses are statements of it (the refit's bar fell from 0.46 to
  // 0.44): eval-feed 0.571 with 2, eval-feed-2 0.519, train-feed 0.468 with 17, eval-review 0.676,
  // eval-review-2 0.620, eval-review-3 0.648. eval-review 0.687 since a title cut short ("Gov.
  // Whitcomb") is no name and the name after it is one. eval-review-4, three more feeds written on
  // 5 December 2026 and held out, read 0.584 with 18 at first (its README); eval-review-5, three
  // more written that evening, 0.588 with 13; eval-review-6, three more written on 6 December
  // 2026, 0.584 with 6. Since a sentence that gives a rated statement's review figures and not the
  // claim's is not read with the review's words (features.ts): eval-review 0.685, eval-review-2
  // 0.624, -3 0.661 with 8, -4 0.599, -5 0.601, -6 0.590. Since a rated statement's claimant
  // counts as one of its names nearby (find-mentions.ts): eval-review 0.709 with 5, -2 0.683, -3
  // 0.669 with 11, -4 0.612, -5 0.653, -6 0.690 with 8. Since the importer keeps a claimant's role
  // (`jobTitle`, claim-review.ts), which names them too: eval-review 0.709, -2 0.702 with 8, -4
  // 0.624, -5 0.679 with 14, -6 0.718 with 10 (-3's feeds give no roles). Since a review's words
  // explain no more of a sentence than its claim's own (features.ts): eval-review 0.708 with 3, -2
  // 0.706 with 6, -3 0.681, -4 0.626 with 13, -5 0.676, -6 0.728. eval-review-7, three more feeds
  // written after those rules were chosen, read 0.743 with 10 at first (0.551 with 9 under the
  // matcher before them). Since a sentence that gives other figures than a rated statement someone
  // made is listed, not marked (find-mentions.ts): eval-review 0.714 with 3, -2 0.722 with 3, -3
  // 0.697 with 8, -4 0.646 with 7, -5 0.724 with 8, -6 0.778 with 4, and the held-out -7 0.785
  // with 9. eval-review-8, three more feeds written while that rule was made and read only once it
  // was chosen, read 0.694 with 9 at first (0.667 with 13 without the rule). Since a sentence whose
  // only words of a rated statement are its claimant's name and role is not judged: -4 0.664 with 3,
  // -5 0.730 with 7, -6 0.776, the held-out -7 0.788 and -8 0.694 (find-mentions.ts). Since such a
  // statement may name its names or its claimant anywhere on the page (`namedOnPage`): eval-review
  // 0.726, -2 0.759, -3 0.750, -4 0.681, -5 0.725 with 8, -6 0.800, and the held-out -7 0.810 and
  // -8 0.722, their negative pages' marks as they were. Since a claimant's role no longer names
  // them nearby (only their own name does): -2 0.752, -4 0.675, -8 0.717, the rest as they were.
  // After a helper's review of those rules (figures read more carefully; a sentence with no word of
  // what happened left to the other rules) and with the names asked in the page's opening rather
  // than anywhere (`namedInOpening`: anywhere made real statements mark real pages): eval-review
  // 0.730, -2 0.719 with 1, -3 0.713, -4 0.693 with 4, -5 0.716 with 6, -6 0.798 with 3, and the
  // held-out -7 0.765 with 8 and -8 0.705. eval-review-9, three more feeds written once all those
  // rules were chosen, read 0.793 with 2 at its one read (0.733 with 6 under the matcher before them).
  // Since a sentence that states a rated statement's words without telling of them as said, asked
  // or quoted is marked only at a higher bar (`UNFRAMED_LOGIT`, find-mentions.ts), chosen on the
  // selection sets (eval-review to -6, eval-feed, -feed-2): eval-review 0.754 with 2, -2 0.696, -3
  // 0.743 with 7, -4 0.733 with 2, -5 0.736 with 4, -6 0.810 with 2, and the held-out -7 0.796 with
  // 6, -8 0.728 with 4 and -9 0.796 with 1 (0.765, 0.705 and 0.793 before). eval-review-10, three
  // more feeds written on 7 December 2026, read 0.708 with 2 at its first read. Since a pair of a
  // rated statement named neither nearby nor in the page's opening is marked at a higher bar
  // (`UNNAMED_LOGIT`, find-mentions.ts) rather than never: eval-review 0.760 with 2, -2 0.731,
  // -3 0.779 with 7, -4 0.739 with 2, -5 0.744 with 4, -6 0.810 with 2, and the held-out -7 0.828
  // with 6, -8 0.739 with 4, -9 0.802 with 1 and -10 0.726 with 2. On 7 December 2026: -10 0.731
  // since "tweeted", "declared" and their kind frame a statement; eval-feed-2 0.505 since a claim
  // written in title case gives no names (below). Since a question put to the reader ("Is Sable Bank
  // closing small accounts?") is not held to the bar of a statement named nowhere (find-mentions.ts):
  // -2 0.738, -4 0.745, and the held-out -7 0.833, -8 0.750, -10 0.737, a mention more each (two
  // on -8), no wrong mark more. Since such a question is marked for its likeliest claim from the
  // loose bar (find-mentions.ts): train-feed 0.474, eval-feed 0.568 with a wrong mark more,
  // eval-feed-2 0.530, -2 0.734 with a wrong mark more, -3 0.795, -4 0.771, -5 0.751, -6 0.816,
  // and the held-out -7 0.844, -9 0.808, -10 0.749. -5 0.754 since a statement with a question tag
  // ("…, wasn't it?") is no such question (framing.ts). Since a sentence that passes a claim on as
  // hearsay ("My neighbour swears…", "shared 40,000 times", "supposedly") is marked for its
  // likeliest claim from the loose bar too (find-mentions.ts): eval-feed 0.611 (5 more), eval-feed-2
  // 0.570 (6 more, 2 wrong more), train-feed 0.500, -2 0.747, -4 0.776, -5 0.759, -6 0.828, and the
  // held-out eval-review 0.773 (2 more), -7 0.840 (a wrong mark more), -8 0.755. Since "her line
  // that…" and "I had heard that…" frame a rated statement as one (framing.ts): -2 0.760 (2 more),
  // -4 0.782 (1 more), -5 0.769 (2 more), no wrong mark more; the held-out sets as they were. Since
  // "reckons" and "convinced" do too: -2 0.767, and the held-out -8 0.761, -9 0.814, -10 0.755 (a
  // mention more each), no wrong mark more. Since "one million" and "£5bn" are read in full as
  // figures (figures.ts): -3 0.798, a wrong mark fewer ("about 471,000" against "more than one million").
  // Since a span of years written short ("2023/24") gives no figure: -4 0.785 and, held out, -7
  // 0.844, a wrong mark fewer each. Since a question that asks for a fact ("How many bridges
  // actually got fixed?") no longer frames a rated statement (framing.ts): -3 0.805, 2 wrong marks fewer.
  // Since a transcript speaker's block ("MARCHETTI: …") frames its sentences: -6 0.840 (2 more) and,
  // held out, -8 0.766 (1 more), no wrong mark more.
  it.each([
    ['eval-feed', 105, 0.605, 2, 51, 11],
    // 48 found and 24 wrong until the refit after a person's initials ("J.D.") stopped ending a
    // sentence (6 December 2026), which changed one training post's pairs: 47 and 23.
    // 46 found since a claim written in title case gives no names (7 December 2026): the refit lost
    // a post about flag doormats whose claim's title ("Lowe's Sells American Flag Door Mats?") had
    // made "flag", "door" and "mats" names.
    ['eval-feed-2', 113, 0.565, 4, 55, 25],
    // 41 found and 31 wrong (0.474) since a question put to the reader is marked from the loose bar;
    // 44 (0.500) since hearsay is too.
    ['train-feed', 101, 0.495, 17, 44, 31],
    ['eval-review', 108, 0.77, 2, 75, 11],
    ['eval-review-2', 108, 0.765, 1, 74, 11],
    // 0.713 until a sentence after "Part B." was split where it ends (6 December 2026): the first
    // half, the review's account of what the cap covers, is now a sentence of its own, and marked.
    ['eval-review-3', 114, 0.8, 7, 91, 21],
    ['eval-review-4', 119, 0.785, 2, 86, 14],
    ['eval-review-5', 120, 0.765, 4, 95, 32],
    ['eval-review-6', 105, 0.835, 2, 84, 11],
    ['eval-review-7', 113, 0.84, 5, 100, 24],
    ['eval-review-8', 114, 0.765, 4, 90, 31],
    ['eval-review-9', 108, 0.81, 1, 83, 13],
    ['eval-review-10', 111, 0.75, 2, 83, 26],
  ])('keeps the pages about fact-checkers’ feeds (%s, %s mentions) at F1 %s, with at most %s marks on its negative pages, %s found and %s wrong marks', async (set, gold, f1, negativeMarks, found, wrong) => {
    const { code, stdout, stderr } = await runScript('score-feed', `tests/fixtures/${set}`, '--shared', SHARED_DIR, '--json');
    expect(code, stderr).toBe(0);
    const measured = (JSON.parse(stdout) as { summary: Record<string, number> }).summary;
    expect(measured.gold).toBe(gold);
    expect(measured.f1).toBeGreaterThanOrEqual(f1);
    expect(measured.falseMarksOnNegativePages).toBeLessThanOrEqual(negativeMarks);
    reached(measured, found, wrong, set);
  }, 120_000);

  // The rules for rated statements are chosen on pages about their feeds; this counts what they
  // mark elsewhere. Every review set's feeds in one store, each set's claims looked for on the other
  // sets' pages, the bundled pack's and the CheckThat! feed's pages and the 32 real news pages: all
  // such marks are wrong. 13 on 215 pages on 6 December 2026, after the rule that asks a statement's
  // names anywhere on the page (asking none at all read 36, one on a real page); 5 since a
  // claimant's role no longer names them nearby. Those feeds name invented places; the CheckThat!
  // claims given a claimant, as a real feed of statements has them, make 4 marks on the 32 real
  // pages since that rule asks for the names in the page's opening (9 when anywhere). With
  // eval-review-9's feeds and pages too: 5 on 227 pages. 3, and 1 from the real statements, since a
  // statement's words stated as fact, not as said, asked or quoted, are marked at a higher bar; 4
  // since the refit for sentences that initials no longer end (a question on a page of readers'
  // questions, "Are Ororo pupils truly passing at 71 per cent now?", against another feed's claim).
  // With eval-review-10's feeds and pages too: 3 on 256 pages. 5 since a statement named neither
  // nearby nor in the page's opening is marked at a higher bar rather than never (`UNNAMED_LOGIT`):
  // eval-review-5's claim of 95% measles-vaccine coverage, twice on eval-review's page
  // c-citizen-election-numbers.html: where a minister says 90% of children were immunised, and
  // where a survey gives 91% for a first dose. What they list as possibly related there is counted
  // too: 54 before that rule, 57 since (79 while such pairs were listed from a loose bar raised as
  // much), and 53 for the real statements on the real pages. 6 marks and 61 listed since a question
  // put to the reader is not held to that bar: eval-review-7's claim that an exam's pass rate rose
  // from 71% to 82%, on the same page, where a question asks it of another country's exams in the
  // claim's words and figures ("Did the exam pass rate jump from 71% to 82%?"); the rule found six
  // mentions more on the review sets, with no wrong mark more there. 7 and 60 since such a question
  // is marked for its likeliest claim from the loose bar: "Are Ororo pupils truly passing at 71 per
  // cent now?" (see above) is marked again, not listed.
  it('keeps fact-checkers’ feeds to the pages about them: at most 7 marks on pages about other things, none on real news pages, and 1 from real statements; at most 61 and 53 listed as possibly related', async () => {
    const { code, stdout, stderr } = await runScript('score-cross-feeds', '--shared', SHARED_DIR, '--json');
    expect(code, stderr).toBe(0);
    const { summary } = JSON.parse(stdout) as { summary: { feeds: number; pages: number; marks: number; realPages: number; statementMarks: number; listed: number; statementsListed: number } };
    expect(summary.feeds).toBeGreaterThanOrEqual(10);
    expect(summary.pages).toBeGreaterThanOrEqual(256);
    expect(summary.marks).toBeLessThanOrEqual(7);
    expect(summary.realPages).toBe(0);
    expect(summary.statementMarks).toBeLessThanOrEqual(1);
    expect(summary.listed).toBeLessThanOrEqual(61);
    expect(summary.statementsListed).toBeLessThanOrEqual(53);
  }, 120_000);

  it('says which claim a feed set names that the CheckThat! feed does not hold, and how to run the scorer', async () => {
    const set = mkdtempSync(join(tmpdir(), 'claimlight-feed-set-'));
    try {
      mkdirSync(join(set, 'pages'));
      writeFileSync(join(set, 'pages', 'a.html'), '<p>Nothing here.</p>');
      writeFileSync(join(set, 'gold.json'), JSON.stringify({ 'a.html': [{ claim: 'no-such-claim', sentence: 'Nothing here.' }] }));
      const bad = await runScript('score-feed', set, '--shared', SHARED_DIR);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('a.html names claim no-such-claim, which CheckThat! does not hold');
      // A set with feeds of its own names their reviews by url.
      writeFileSync(join(set, 'gold.json'), JSON.stringify({ 'a.html': [{ claim: 'https://checks.example/two', sentence: 'Nothing here.' }] }));
      const noFeeds = await runScript('score-feed', set, '--shared', SHARED_DIR);
      expect(noFeeds.stderr).toContain('names claim https://checks.example/two, which no review holds: the set has no feeds/');
      mkdirSync(join(set, 'feeds'));
      const twice = { '@type': 'ClaimReview', url: 'https://checks.example/both', claimReviewed: 'The ferry fare will double in May.', reviewRating: { alternateName: 'False' } };
      writeFileSync(join(set, 'feeds', 'f.json'), JSON.stringify([twice, { ...twice, claimReviewed: 'The ferry will stop running in winter.' }]));
      const shared = await runScript('score-feed', set, '--shared', SHARED_DIR);
      expect(shared.stderr).toContain('two reviews have the url https://checks.example/both');
      writeFileSync(join(set, 'feeds', 'f.json'), JSON.stringify([{ '@type': 'ClaimReview', url: 'https://checks.example/one', claimReviewed: 'The harbour bridge will close for a year.', reviewRating: { alternateName: 'False' } }]));
      writeFileSync(join(set, 'gold.json'), JSON.stringify({ 'a.html': [{ claim: 'https://checks.example/two', sentence: 'Nothing here.' }] }));
      const unknownReview = await runScript('score-feed', set, '--shared', SHARED_DIR);
      expect(unknownReview.code).not.toBe(0);
      expect(unknownReview.stderr).toContain('a.html names claim https://checks.example/two, which no review in the set’s feeds/ has as its url');
      writeFileSync(join(set, 'feeds', 'f.json'), '[{"@type": "ClaimReview"}]');
      const badFeed = await runScript('score-feed', set, '--shared', SHARED_DIR);
      expect(badFeed.code).not.toBe(0);
      expect(badFeed.stderr).toContain('f.json: not a usable feed');
      const usage = await runScript('score-feed');
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('usage: npx tsx scripts/score-feed.ts SET_DIR');
      const unknown = await runScript('score-feed', set, '--no-cues');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("Unknown option '--no-cues'");
      expect(unknown.stderr).toContain('usage: npx tsx scripts/score-feed.ts SET_DIR');
    } finally {
      rmSync(set, { recursive: true, force: true });
    }
  }, 60_000);

  it('ships the match model that scripts/fit-match.ts fits from the training splits', async () => {
    const { code, stdout } = await runScript('fit-match', '--shared', SHARED_DIR, '--check');
    expect(stdout).toContain('data/match-model.json is what this script fits');
    expect(code).toBe(0);
  }, 300_000);
});
