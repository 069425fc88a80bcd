import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** A content script's context for unit tests that, like WXT's, clears its timers when it is
 * stopped: a controller's once-a-second guard left running past its test would fire after the
 * test's DOM is gone, and fail another file's run with an error nobody's test caused. */
export function fakeContentContext(): { ctx: ContentScriptContext; stop: () => void } {
  const abort = new AbortController();
  const timeouts = new Set<ReturnType<typeof setTimeout>>();
  const intervals = new Set<ReturnType<typeof setInterval>>();
  const ctx = {
    get isValid() {
      return !abort.signal.aborted;
    },
    signal: abort.signal,
    setTimeout(run: () => void, ms: number) {
      if (abort.signal.aborted) return 0;
      const id = setTimeout(() => {
        timeouts.delete(id);
        run();
      }, ms);
      timeouts.add(id);
      return id;
    },
    setInterval(run: () => void, ms: number) {
      if (abort.signal.aborted) return 0;
      const id = setInterval(run, ms);
      intervals.add(id);
      return id;
    },
    // As WXT's does: what the script undoes when it stops (the painter's layer and listeners) is undone.
    onInvalidated(run: () => void) {
      abort.signal.addEventListener('abort', run);
      return () => abort.signal.removeEventListener('abort', run);
    },
  } as unknown as ContentScriptContext;
  const stop = () => {
    abort.abort();
    for (const id of timeouts) clearTimeout(id);
    for (const id of intervals) clearInterval(id);
    timeouts.clear();
    intervals.clear();
  };
  return { ctx, stop };
}
