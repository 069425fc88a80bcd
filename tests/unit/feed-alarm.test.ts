import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedAlarm } from '@/lib/feeds/alarm';
import { FEEDS_ALARM } from '@/lib/feeds/keys';
import { nextCheckAfter, type FeedTiming } from '@/lib/feeds/schedule';

const MINUTE = 60_000;

/** An alarms API on the fake clock: an alarm fires when the clock passes its time. */
function fakeAlarms(onFire: (name: string) => void) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const set = new Map<string, number>();
  return {
    set,
    create: (name: string, { when }: { when: number }) => {
      clearTimeout(timers.get(name));
      set.set(name, when);
      timers.set(name, setTimeout(() => onFire(name), when - Date.now()));
    },
    clear: (name: string) => {
      clearTimeout(timers.get(name));
      set.delete(name);
    },
  };
}

describe('the feeds alarm', () => {
  afterEach(() => vi.useRealTimers());

  it('wakes when the next feed is due, refreshes, and backs off a failing feed from 15 minutes to a day', async () => {
    vi.useFakeTimers({ now: 0 });
    const feed: FeedTiming = { intervalMinutes: 6 * 60, failures: 0, paused: false, nextCheck: 6 * 60 * MINUTE };
    const checks: number[] = [];
    // The feed's server is down: each check is one more failure.
    const refreshDue = vi.fn(async () => {
      if (feed.nextCheck > Date.now()) return;
      checks.push(Date.now() / MINUTE);
      feed.failures++;
      feed.nextCheck = nextCheckAfter(Date.now(), feed.intervalMinutes, feed.failures);
    });
    let alarm: ReturnType<typeof feedAlarm> | undefined;
    const alarms = fakeAlarms((name) => void alarm!.onAlarm({ name }));
    alarm = feedAlarm({ alarms, feeds: async () => [feed], refreshDue });
    expect(await alarm.schedule()).toBe(6 * 60 * MINUTE);
    await vi.advanceTimersByTimeAsync(6 * 60 * MINUTE + 15 * MINUTE + 30 * MINUTE + 60 * MINUTE + 1);
    // Due at 6 h, then 15, 30 and 60 minutes after each failure.
    expect(checks).toEqual([360, 375, 405, 465]);
    expect(alarms.set.get(FEEDS_ALARM)).toBe((465 + 120) * MINUTE);
    // 2 and 4 hours, then never longer than the feed's own interval of 6 hours.
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(checks.slice(4)).toEqual([585, 825, 1185, 1545, 1905]);
  });

  it('checks an overdue feed a second from now, once, and sets no alarm while every feed is paused', async () => {
    vi.useFakeTimers({ now: 10 * MINUTE });
    const alarms = fakeAlarms(() => undefined);
    const overdue = feedAlarm({ alarms, feeds: async () => [{ intervalMinutes: 60, failures: 0, paused: false, nextCheck: 0 }], refreshDue: async () => 0 });
    expect(await overdue.schedule()).toBe(10 * MINUTE + 1_000);
    const paused = feedAlarm({ alarms, feeds: async () => [{ intervalMinutes: 60, failures: 0, paused: true, nextCheck: 0 }], refreshDue: async () => 0 });
    expect(await paused.schedule()).toBeNull();
    expect(alarms.set.has(FEEDS_ALARM)).toBe(false);
    expect(await paused.onAlarm({ name: 'someone-else' })).toBe(false);
  });

  it('sets no alarm while a refresh runs, ignores the alarm firing again meanwhile, and sets it once when done', async () => {
    let release = () => {};
    const refreshDue = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const created: number[] = [];
    const alarm = feedAlarm({
      alarms: { create: (_, { when }) => void created.push(when), clear: () => undefined },
      // A feed overdue, and still due while the refresh runs (it has not reached it yet).
      feeds: async () => [{ intervalMinutes: 60, failures: 0, paused: false, nextCheck: 0 }],
      refreshDue,
      now: () => 10 * MINUTE,
    });
    const first = alarm.onAlarm({ name: FEEDS_ALARM });
    // A changed feed asks for the alarm again (onStoreChanged), and the alarm fires again.
    expect(await alarm.schedule()).toBeNull();
    expect(await alarm.onAlarm({ name: FEEDS_ALARM })).toBe(true);
    expect(created).toEqual([]);
    expect(refreshDue).toHaveBeenCalledTimes(1);
    release();
    await first;
    expect(created).toHaveLength(1);
  });
});
