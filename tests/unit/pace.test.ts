import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPacer } from '@/entrypoints/content/pace';

describe('createPacer: at most one run per interval', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const clock = { now: () => Date.now(), setTimeout: (run: () => void, ms: number) => setTimeout(run, ms) };

  it('runs the first call at once, and joins a storm of calls into one run per interval', () => {
    const task = vi.fn();
    const call = createPacer(1_000, task, clock);
    call();
    expect(task).toHaveBeenCalledTimes(1);
    // A pushState every 5 ms for 3 seconds.
    for (let t = 0; t < 2_990; t += 5) {
      call();
      vi.advanceTimersByTime(5);
    }
    // Runs at 0, 1,000 and 2,000 ms; the calls since are due at 3,000.
    expect(task).toHaveBeenCalledTimes(3);
    // The last call of the storm is not lost: it runs when its interval ends.
    const before = task.mock.calls.length;
    vi.advanceTimersByTime(1_000);
    expect(task.mock.calls.length).toBe(before + 1);
    vi.advanceTimersByTime(5_000);
    expect(task.mock.calls.length).toBe(before + 1);
  });

  it('runs calls spaced wider than the interval each at once', () => {
    const task = vi.fn();
    const call = createPacer(1_000, task, clock);
    for (let i = 0; i < 3; i++) {
      call();
      expect(task).toHaveBeenCalledTimes(i + 1);
      vi.advanceTimersByTime(1_500);
    }
  });
});
