// A polling loop for watchers: one step at a time (never overlapping), a pause between steps, errors
// reported but never ending the loop, and nothing keeping the process alive on its own.

/** Stops the loop; `ready` resolves once the first step has run (a watcher's baseline is taken). */
export type StopWatching = (() => void) & { ready: Promise<void> };

export function pollEvery(intervalMs: number, step: () => Promise<void>, onError: (err: unknown) => void): StopWatching {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const run = async () => {
    try {
      await step();
    } catch (err) {
      if (!stopped) onError(err);
    } finally {
      markReady();
      if (!stopped) {
        timer = setTimeout(run, intervalMs);
        timer.unref();
      }
    }
  };
  void run();
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
  return Object.assign(stop, { ready });
}
