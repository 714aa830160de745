// The Teams side of what a crash or an outage left behind. A card carries no outbox id, so the
// service's own record (teams_sent_activities: outbox item → activity id) is matched against the
// messages the Bot Connector fake holds: every message must be one recorded item, every sent item
// one message, one thread root per incident, replies in planned order.
import Database from 'better-sqlite3';
import type { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import type { ChatCheck, Ledger } from './inspect';

export function readTeamsSent(dbPath: string): Map<number, { conversationId: string; activityId: string }> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare('select outbox_id as outboxId, conversation_id as conversationId, activity_id as activityId from teams_sent_activities')
      .all() as Array<{ outboxId: number; conversationId: string; activityId: string }>;
    return new Map(rows.map((r) => [r.outboxId, { conversationId: r.conversationId, activityId: r.activityId }]));
  } finally {
    db.close();
  }
}

export function checkTeams(
  ledger: Ledger,
  sent: Map<number, { conversationId: string; activityId: string }>,
  fake: BotConnectorFake,
  channelId: string,
): ChatCheck {
  const check: ChatCheck = {
    parents: 0,
    replies: 0,
    edits: 0,
    doubled: [],
    parentProblems: [],
    missing: [],
    outOfOrder: [],
    undelivered: [],
  };
  const mine = fake.messages.filter((m) => m.conversationId.split(';')[0] === channelId);
  const outboxOf = new Map<string, number>();
  for (const [outboxId, s] of sent) outboxOf.set(s.activityId, outboxId);
  // A message the service holds no record of was posted by a retry whose first attempt also landed.
  for (const m of mine)
    if (!outboxOf.has(m.id)) check.doubled.push(`message ${m.id} in ${m.conversationId} is no outbox item's (a second copy)`);
  const items = new Map(ledger.outbox.map((o) => [o.id, o]));
  const roots = fake.threadsIn(channelId);
  const rootsByIncident = new Map<string, number>();
  for (const r of roots) {
    const item = items.get(outboxOf.get(r.id) ?? -1);
    if (item) rootsByIncident.set(item.incidentId, (rootsByIncident.get(item.incidentId) ?? 0) + 1);
  }
  const byId = new Map(mine.map((m) => [m.id, m]));
  for (const o of ledger.outbox) {
    if (o.status === 'pending' || o.status === 'sending' || o.status === 'dead')
      check.undelivered.push(`outbox ${o.id} (${o.op}, incident ${o.incidentId}) is ${o.status}`);
    if (o.op === 'edit_parent') {
      if (o.status === 'sent') check.edits++;
      continue;
    }
    const s = sent.get(o.id);
    if (o.status === 'sent' && (!s || !byId.has(s.activityId)))
      check.missing.push(`outbox ${o.id} (${o.op}) marked sent but not in the channel`);
    if (o.op === 'post_parent') {
      if (o.status === 'sent') check.parents++;
      const n = rootsByIncident.get(o.incidentId) ?? 0;
      if (n !== 1) check.parentProblems.push(`incident ${o.incidentId} has ${n} thread roots`);
      const ref = ledger.threads.get(o.incidentId);
      if (n === 1 && (!ref || byId.get(ref)?.conversationId !== `${channelId};messageid=${ref}`))
        check.parentProblems.push(`incident ${o.incidentId} thread points at ${ref}, not its root`);
    } else if (o.status === 'sent') {
      check.replies++;
    }
  }
  // Within each thread, replies in planned (outbox id) order.
  for (const root of roots) {
    const ids = fake
      .repliesIn(root.conversationId)
      .map((m) => outboxOf.get(m.id))
      .filter((id): id is number => id !== undefined);
    if (ids.some((id, i) => i > 0 && id < ids[i - 1]!)) check.outOfOrder.push(`thread ${root.id}: ${ids.join(', ')}`);
  }
  return check;
}
