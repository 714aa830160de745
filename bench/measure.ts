// Peak memory of one stage of a child process. Our engine runs synchronously, so a timer on the main
// thread would never fire during the run: a worker thread samples the process-wide RSS instead. The
// kernel's high-water mark (VmHWM) is reset before the stage, so the data generation before it does
// not count; process.resourceUsage().maxRSS cannot be reset and is reported as the lifetime peak.
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let max = process.memoryUsage.rss();
const timer = setInterval(() => { max = Math.max(max, process.memoryUsage.rss()); }, 5);
parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(max, process.memoryUsage.rss())); });
`;

export interface StagePeak {
  /** Highest RSS the sampler saw (bytes). */
  sampled: number;
  /** Kernel high-water mark since the stage began (bytes), when /proc allows resetting it. */
  hwm: number | undefined;
  /** The larger of the two. */
  peak: number;
  /** Lifetime peak of the process, generation included (bytes). */
  maxRss: number;
}

export async function startStage(): Promise<() => Promise<StagePeak>> {
  // Plain CommonJS with no loader: the sampler must not pull tsx into its thread.
  const worker = new Worker(SAMPLER, { eval: true, execArgv: [] });
  await new Promise((resolve) => worker.once('online', resolve));
  const reset = resetHighWaterMark();
  return async () => {
    const sampled = await new Promise<number>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('stop');
    });
    await worker.terminate();
    const hwm = reset ? highWaterMark() : undefined;
    return { sampled, hwm, peak: Math.max(sampled, hwm ?? 0), maxRss: process.resourceUsage().maxRSS * 1024 };
  };
}

/** Linux: writing 5 to clear_refs sets VmHWM back to the current RSS. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function highWaterMark(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Full collection before a measurement, so garbage from the previous stage is not counted. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function rss(): number {
  return process.memoryUsage().rss;
}

/** The child's one result line on stdout; progress goes to stderr. */
export function emit(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
