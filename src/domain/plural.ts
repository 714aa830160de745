// Counts as people read them: "1 record", "2 records", "1,204 open incidents".

/** `n` and the noun, plural unless n is 1; `many` for nouns whose plural is not noun + "s". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}
