// What the Bot Connector refuses in an outgoing activity: a message over the size limit (413
// MessageSizeTooBig) and an Adaptive Card the official parser does not accept (400 BadArgument).
// The card check is the `adaptivecards` package itself, so the fake holds our cards to the schema
// Teams renders with, not to what our renderers happen to emit.
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

// The package's ES build imports without file extensions, which Node cannot load; its UMD bundle works.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/**
 * The code plans for Teams' "about 28 KB per message" (adapters/teams keeps cards under 24 KB,
 * src/digest under 28,000 bytes); the fake refuses above that, so a card that outgrows the plan fails a test.
 */
export const MAX_ACTIVITY_BYTES = 28_000;

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface ConnectorRefusal {
  status: 400 | 413;
  body: { error: { code: string; message: string } };
}

/** Every message the parser raises while reading the card, and every validation failure after. */
export function cardProblems(content: unknown): string[] {
  const context = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** Why the connector would refuse this activity, or null if it takes it. */
export function checkActivity(activity: unknown): ConnectorRefusal | null {
  const bytes = Buffer.byteLength(JSON.stringify(activity ?? {}), 'utf8');
  if (bytes > MAX_ACTIVITY_BYTES)
    return { status: 413, body: { error: { code: 'MessageSizeTooBig', message: 'Message size too large.' } } };
  const attachments = (activity as { attachments?: unknown } | undefined)?.attachments;
  if (attachments === undefined) return null;
  if (!Array.isArray(attachments)) return badArgument('attachments must be an array');
  for (const [i, a] of attachments.entries()) {
    const attachment = a as { contentType?: unknown; content?: unknown };
    if (attachment.contentType !== ADAPTIVE_CARD) continue;
    const problems = cardProblems(attachment.content);
    if (problems.length > 0) return badArgument(`attachments[${i}]: invalid Adaptive Card: ${problems.join('; ')}`);
  }
  return null;
}

function badArgument(message: string): ConnectorRefusal {
  return { status: 400, body: { error: { code: 'BadArgument', message } } };
}
