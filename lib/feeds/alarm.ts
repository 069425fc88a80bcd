/**
 * The one alarm that wakes the background for feeds: set for when the next feed is due, and on
 * waking, every due feed is checked, then the alarm is set again. One alarm, not one per feed, so
 * fifty feeds cost the browser one timer. The alarms API and the store are passed in.
 */
import { FEEDS_ALARM } from './keys';
import { nextWake, type FeedTiming } from './schedule';

/** What the feeds' alarm needs from the browser's alarms API. */
export interface AlarmsApi {
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<unknown> | unknown;
}

export interface FeedAlarmDeps {
  alarms: AlarmsApi;
  feeds(): Promise<FeedTiming[]>;
  refreshDue(): Promise<unknown>;
  now?: () => number;
}

/** An overdue feed is checked this soon, once, rather than in a loop of alarms in the past. */
export const OVERDUE_DELAY_MS = 1_000;

export function feedAlarm({ alarms, feeds, refreshDue, now = Date.now }: FeedAlarmDeps) {
  /** The refresh of the due feeds under way. While it runs the alarm is left alone: the feeds it
   * has not reached yet are still due, so setting the alarm (as each changed feed asks) would fire
   * it again in a second and fetch them twice. It sets the alarm once, when it is done. */
  let running: Promise<unknown> | null = null;
  const schedule = async (): Promise<number | null> => {
    if (running) return null;
    const wake = nextWake(await feeds(), now());
    if (wake === null) {
      await alarms.clear(FEEDS_ALARM);
      return null;
    }
    const when = Math.max(now() + OVERDUE_DELAY_MS, wake);
    await alarms.create(FEEDS_ALARM, { when });
    return when;
  };
  return {
    schedule,
    /** Handles an alarm: ours refreshes the due feeds and sets the next one; others are not ours. */
    async onAlarm(alarm: { name: string }): Promise<boolean> {
      if (alarm.name !== FEEDS_ALARM) return false;
      // Fired again while the last refresh runs (a worker woken by it set it too): that one will do.
      if (running) return true;
      running = refreshDue();
      try {
        await running;
      } finally {
        running = null;
        await schedule();
      }
      return true;
    },
  };
}
