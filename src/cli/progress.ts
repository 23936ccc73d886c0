/** Reports how far a long piece of work is: `done` of `total`. */
export type Progress = (label: string, done: number, total: number) => void;

const BAR_WIDTH = 24;
/** Work smaller than this is over before a bar would help; it shows none. */
const MIN_TOTAL = 100;

/**
 * Progress on stderr: at a terminal a bar redrawn in place (`\r`), at most every 100 ms and
 * ended by a newline; otherwise plain lines at each tenth, so logs and pipes stay readable.
 */
export function createProgress(write: (text: string) => void, isTerminal: boolean, now = () => Date.now()): Progress {
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let lastLabel = '';
  return (label, done, total) => {
    if (total < MIN_TOTAL) return;
    const finished = done >= total;
    const share = Math.min(1, done / total);
    if (label !== lastLabel) [lastDraw, lastTenth, lastLabel] = [-Infinity, -1, label];
    if (isTerminal) {
      if (!finished && now() - lastDraw < 100) return;
      lastDraw = now();
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
      write(`\r${label} [${bar}] ${Math.round(share * 100)}% (${done}/${total})${finished ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    write(`${label}: ${done} of ${total}\n`);
  };
}
