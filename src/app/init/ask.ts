// The questions `init` asks at a terminal: each shows its default, and a wrong answer is explained
// and asked again rather than ending the set-up.
import { createInterface } from 'node:readline';
import type { Checked } from './answers';

export interface Asker {
  ask<T>(question: string, fallback: string, check: (text: string) => Checked<T>): Promise<T>;
  close(): void;
}

/** No usable answer to a question (the input ended, or a default that does not fit): nothing is written. */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
}

export function terminalAsker(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Asker {
  const rl = createInterface({ input, output });
  // Lines are taken from the interface's own queue: answers typed (or pasted) ahead of their
  // question wait there instead of being lost.
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question, fallback, check) {
      for (;;) {
        output.write(`${question} [${fallback}]: `);
        const next = await lines.next();
        if (next.done) throw new NoAnswerError(`init stopped: no answer to "${question}" (the input ended). Nothing was written.`);
        const checked = check(String(next.value).trim() || fallback);
        if (checked.ok) return checked.value;
        output.write(`  ${checked.message}\n`);
      }
    },
    close: () => rl.close(),
  };
}
