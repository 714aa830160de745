// Helpers the chat renderers share to stay inside platform limits.

/** Cuts `text` to at most `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** The first `keep` items, and how many were left for the thread. */
export function head<T>(items: readonly T[], keep: number): { shown: T[]; rest: T[] } {
  return { shown: items.slice(0, keep), rest: items.slice(keep) };
}

/** Packs lines into chunks of at most `max` characters each (a line longer than `max` is clipped). */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
