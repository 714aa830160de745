// The Teams conversations the bot was installed into, and the activity it sent per outbox item, on Postgres.
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { ConversationRecord, ConversationStore, SentActivity } from '../../../src/ports/conversation-store';
import { bytewise } from './collate';
import type { PgDb } from './db';
import { teamsConversations, teamsSentActivities } from './schema-areas';

type Row = typeof teamsConversations.$inferSelect;

export function createPgTeamsStore(db: PgDb): ConversationStore {
  const matching = (companyId: string, w: { teamId?: string; conversationId?: string }): SQL | undefined => {
    const parts = [
      w.teamId ? eq(teamsConversations.teamId, w.teamId) : undefined,
      w.conversationId ? eq(teamsConversations.conversationId, w.conversationId) : undefined,
    ].filter((p): p is SQL => !!p);
    if (parts.length === 0) return undefined;
    return and(eq(teamsConversations.companyId, companyId), parts.length === 1 ? parts[0] : or(...parts));
  };

  return {
    async saveConversation(r) {
      const row = {
        companyId: r.companyId,
        conversationId: r.conversationId,
        kind: r.kind,
        teamId: r.teamId ?? null,
        teamName: r.teamName ?? null,
        name: r.name ?? null,
        tenantId: r.tenantId ?? null,
        serviceUrl: r.serviceUrl,
        botId: r.botId,
        botName: r.botName ?? null,
        status: r.status,
        deadReason: r.deadReason ?? null,
        updatedAt: r.updatedAt,
      };
      const { companyId: _c, conversationId: _i, ...update } = row;
      await db
        .insert(teamsConversations)
        .values(row)
        .onConflictDoUpdate({ target: [teamsConversations.companyId, teamsConversations.conversationId], set: update });
    },
    async findConversation(companyId, conversationId) {
      const [row] = await db
        .select()
        .from(teamsConversations)
        .where(and(eq(teamsConversations.companyId, companyId), eq(teamsConversations.conversationId, conversationId)));
      return row ? fromRow(row) : null;
    },
    async listConversations(companyId) {
      const rows = await db
        .select()
        .from(teamsConversations)
        .where(eq(teamsConversations.companyId, companyId))
        .orderBy(bytewise(teamsConversations.conversationId));
      return rows.map(fromRow);
    },
    async refreshServiceUrl(companyId, w, serviceUrl, at) {
      const cond = matching(companyId, w);
      if (cond) await db.update(teamsConversations).set({ serviceUrl, updatedAt: at }).where(cond);
    },
    async markDead(companyId, w, reason, at) {
      const cond = matching(companyId, w);
      if (cond) await db.update(teamsConversations).set({ status: 'dead', deadReason: reason, updatedAt: at }).where(cond);
    },
    async recordSent(s) {
      const parentRef = s.parentRef ?? null;
      await db
        .insert(teamsSentActivities)
        .values({ ...s, parentRef })
        .onConflictDoUpdate({
          target: [teamsSentActivities.companyId, teamsSentActivities.outboxId],
          set: { conversationId: s.conversationId, activityId: s.activityId, parentRef, at: s.at },
        });
    },
    async findSent(companyId, outboxId) {
      const [row] = await db
        .select()
        .from(teamsSentActivities)
        .where(and(eq(teamsSentActivities.companyId, companyId), eq(teamsSentActivities.outboxId, outboxId)));
      if (!row) return null;
      const sent: SentActivity = {
        companyId: row.companyId,
        outboxId: row.outboxId,
        conversationId: row.conversationId,
        activityId: row.activityId,
        at: row.at,
      };
      if (row.parentRef) sent.parentRef = row.parentRef;
      return sent;
    },
  };
}

function fromRow(row: Row): ConversationRecord {
  const r: ConversationRecord = {
    companyId: row.companyId,
    conversationId: row.conversationId,
    kind: row.kind,
    serviceUrl: row.serviceUrl,
    botId: row.botId,
    status: row.status,
    updatedAt: row.updatedAt,
  };
  if (row.teamId) r.teamId = row.teamId;
  if (row.teamName) r.teamName = row.teamName;
  if (row.name) r.name = row.name;
  if (row.tenantId) r.tenantId = row.tenantId;
  if (row.botName) r.botName = row.botName;
  if (row.deadReason) r.deadReason = row.deadReason;
  return r;
}
