// The questions `init` asks at a terminal: each shows its default, and a wrong answer is explained
// and asked again rather than ending the set-up.
import { createInterface } from 'node:readline/promises';
import type { Checked } from './answers';

export interface Asker {
  ask<T>(question: string, fallback: string, check: (text: string) => Checked<T>): Promise<T>;
  close(): void;
}

export function terminalAsker(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Asker {
  const rl = createInterface({ input, output });
  return {
    async ask(question, fallback, check) {
      for (;;) {
        const typed = (await rl.question(`${question} [${fallback}]: `)).trim();
        const checked = check(typed || fallback);
        if (checked.ok) return checked.value;
        output.write(`  ${checked.message}\n`);
      }
    },
    close: () => rl.close(),
  };
}
