// Long work shows how far it got. On a terminal: one line rewritten in place — a bar while the total is known, else
// a counter or the seconds spent. Otherwise (a pipe, a log, a test): one plain line when each step starts.
import { formatBytes } from '../core/size-text.js';

const barWidth = 30;
const redrawMs = 100;

export class Progress {
  private label = '';
  private started = 0;
  private lastDraw = 0;
  private ticker?: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly tty = out.isTTY === true,
  ) {}

  /** A new step; on a terminal its line shows the seconds it takes until `advance` or the next step says more. */
  step(label: string): void {
    this.stopTicker();
    this.label = label;
    this.started = Date.now();
    this.lastDraw = 0; // a new step's first advance is drawn, however soon it comes
    if (!this.tty) {
      this.out.write(`${label}\n`);
      return;
    }
    this.draw('');
    this.ticker = setInterval(() => this.draw(`${Math.round((Date.now() - this.started) / 1000)} s`), 1000);
    this.ticker.unref();
  }

  /** How far the step got: a bar for a known total, else the count alone. Terminals only: plain lines stay few. */
  advance(done: number, total: number | null, format: (n: number) => string = formatBytes): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.lastDraw < redrawMs && done !== total) return;
    this.lastDraw = now;
    this.stopTicker();
    if (total === null || total === 0) return this.draw(format(done));
    const filled = Math.min(barWidth, Math.round((done / total) * barWidth));
    this.draw(`[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${Math.floor((done / total) * 100)}% ${format(done)} of ${format(total)}`);
  }

  /** Ends the progress line, so that what follows starts on a clean one. */
  finish(): void {
    this.stopTicker();
    if (this.tty && this.label) this.out.write('\r\x1b[K');
    this.label = '';
  }

  private draw(detail: string): void {
    this.out.write(`\r\x1b[K${this.label}${detail ? `  ${detail}` : ''}`);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
