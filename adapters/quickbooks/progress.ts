// The first-run backfill's progress bar, on stderr and only when stderr is a terminal (a log file or a
// pipe gets the poll summary instead).
import cliProgress from 'cli-progress';

export interface BackfillProgress {
  start(total: number): void;
  advance(rows: number, what: string): void;
  stop(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): BackfillProgress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'QuickBooks backfill [{bar}] {percentage}% · {value}/{total} rows · {what}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(total, 0, { what: 'starting' }),
    advance: (rows, what) => bar.increment(rows, { what }),
    stop: () => bar.stop(),
  };
}
