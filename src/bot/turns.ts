/**
 * Hands out turns one per event-loop iteration, in arrival order. An answer's search and
 * formatting run synchronously for a few milliseconds; when a burst of questions arrives,
 * taking a turn first lets the loop send the other questions' acknowledgements (Discord
 * allows 3 s) between answers, instead of after all of them.
 */
export interface Turns {
  take(): Promise<void>;
}

export function createTurns(): Turns {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    waiting.shift()?.();
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };
  return {
    take() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        schedule();
      });
    },
  };
}
