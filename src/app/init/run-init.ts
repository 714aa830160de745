// `sync-sentinel init` at the command line: flags first, then questions at a terminal for what the
// flags left out (none with --yes, or when nothing can answer them), then the folder is written.
import { NoAnswerError, terminalAsker } from './ask';
import {
  checkCloseDay,
  checkCompanyName,
  checkTimeZone,
  checkUpstream,
  companyIdOf,
  DEFAULTS,
  localTimeZone,
  UPSTREAMS,
  type Checked,
  type InitAnswers,
} from './answers';
import { initFolder } from './init';

export interface InitFlags {
  company?: string;
  timeZone?: string;
  closeDay?: string;
  upstream?: string;
  yes?: boolean;
  force?: boolean;
}

interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  now: Date;
}

export async function runInit(folder: string, flags: InitFlags, io: Io): Promise<number> {
  // A flag given wrong is refused before anything is asked or written.
  const given = {
    companyName: flags.company === undefined ? undefined : checkCompanyName(flags.company),
    timeZone: flags.timeZone === undefined ? undefined : checkTimeZone(flags.timeZone),
    closeDay: flags.closeDay === undefined ? undefined : checkCloseDay(flags.closeDay),
    upstream: flags.upstream === undefined ? undefined : checkUpstream(flags.upstream),
  };
  const refused = Object.entries(given).flatMap(([k, v]) => (v && !v.ok ? [`--${FLAG[k as keyof typeof FLAG]}: ${v.message}`] : []));
  if (refused.length > 0) {
    io.stderr.write(`${refused.join('\n')}\n`);
    return 1;
  }
  const value = <T>(c: Checked<T> | undefined) => (c?.ok ? c.value : undefined);
  const zone = localTimeZone();
  const interactive = !flags.yes && io.stdin.isTTY === true;
  const asker = interactive ? terminalAsker(io.stdin, io.stdout) : undefined;
  let answers: InitAnswers;
  try {
    const pick = async <T>(have: T | undefined, question: string, fallback: string, check: (t: string) => Checked<T>): Promise<T> => {
      if (have !== undefined) return have;
      if (asker) return asker.ask(question, fallback, check);
      const c = check(fallback);
      // Only a machine whose own time zone is unknown gets here: say which flag answers it.
      if (!c.ok) throw new NoAnswerError(`${question}: ${c.message}; give it with a flag (sync-sentinel init --help lists them).`);
      return c.value;
    };
    const companyName = await pick(value(given.companyName), 'Company name', DEFAULTS.companyName, checkCompanyName);
    const timeZone = await pick(value(given.timeZone), 'Time zone of the office (IANA name)', zone, checkTimeZone);
    const closeDay = await pick(value(given.closeDay), 'Day of the month the books close (1–28)', String(DEFAULTS.closeDay), checkCloseDay);
    const upstream = await pick(
      value(given.upstream),
      `Where jobs and invoices come from (${UPSTREAMS.join(', ')})`,
      DEFAULTS.upstream,
      checkUpstream,
    );
    answers = { companyName, companyId: companyIdOf(companyName), timeZone, closeDay, upstream };
  } catch (err) {
    if (!(err instanceof NoAnswerError)) throw err;
    io.stderr.write(`\n${err.message}\n`);
    return 1;
  } finally {
    asker?.close();
  }
  const result = initFolder(folder, answers, { force: flags.force === true, now: io.now });
  if (!result.ok) {
    io.stderr.write(`${result.message}\n`);
    return 1;
  }
  io.stdout.write(
    [
      `Set up ${answers.companyName} (${answers.timeZone}, books close on day ${answers.closeDay}, upstream: ${answers.upstream}) in ${folder}:`,
      ...result.written.map((f) => `  wrote ${f}`),
      ...result.kept.map((f) => `  kept  ${f} (already there)`),
      '',
      'Next:',
      ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`),
      '',
    ].join('\n'),
  );
  return 0;
}

const FLAG = { companyName: 'company', timeZone: 'time-zone', closeDay: 'close-day', upstream: 'upstream' } as const;
