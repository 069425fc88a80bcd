/**
 * Runs a task at most once per interval. A page can fire navigations (pushState) or forged
 * location events every few milliseconds; each would cost a rescan of the whole page. The first
 * call runs at once; calls within the interval after a run join into one run at its end.
 */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
}

export function createPacer(interval: number, task: () => void, clock: Clock): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let due = false;
  const run = () => {
    due = false;
    last = clock.now();
    task();
  };
  return () => {
    if (due) return;
    const wait = last + interval - clock.now();
    if (wait <= 0) run();
    else {
      due = true;
      clock.setTimeout(run, wait);
    }
  };
}
