// A request's raw body, read whole so signatures (Intuit, Jobber) cover the exact bytes, with a cap
// so a huge or endless body cannot exhaust memory.
import type { IncomingMessage } from 'node:http';

/** The body's bytes, or undefined once it grows past `maxBytes` (answer 413). */
export async function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
