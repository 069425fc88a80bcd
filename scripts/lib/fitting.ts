// Small pieces the fitting scripts (fit-rank.ts, fit-match.ts, build-*.ts) share.
import { readFileSync, writeFileSync } from 'node:fs';

/** Solves a·x = b by Gaussian elimination with partial pivoting (a is small and positive definite:
 * a Newton step's Hessian). */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Writes a derived data file, or with `check` compares it with what is committed and sets the exit
 * code: 0 when it is the same byte for byte, 1 when not. `script` names the script that makes it.
 */
export function writeOrCheck(out: string, text: string, script: string, check: boolean): void {
  if (check) {
    const same = readFileSync(out, 'utf8') === text;
    console.log(same ? `${out} is up to date` : `${out} differs from what ${script} builds`);
    // (A script that checks several files fails when any differs.)
    if (!same) process.exitCode = 1;
    else process.exitCode ??= 0;
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
