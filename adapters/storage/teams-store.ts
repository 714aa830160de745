// The ConversationStore on the service's SQLite file, beside the outbox.
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { ConversationRecord, ConversationStore, SentActivity } from '../../src/ports/conversation-store';
import { storeError } from './errors';
import type { StorageDb } from './open-database';
import { teamsConversations, teamsSentActivities } from './schema-teams';

type Row = typeof teamsConversations.$inferSelect;

export function createTeamsStore(db: StorageDb, path = 'database'): ConversationStore {
  const run = async <T>(operation: string, work: () => T): Promise<T> => {
    try {
      return work();
    } catch (err) {
      throw storeError(err, operation, path);
    }
  };
  const where = (companyId: string, w: { teamId?: string; conversationId?: string }): SQL | undefined => {
    const parts = [
      w.teamId ? eq(teamsConversations.teamId, w.teamId) : undefined,
      w.conversationId ? eq(teamsConversations.conversationId, w.conversationId) : undefined,
    ].filter((p): p is SQL => !!p);
    if (parts.length === 0) return undefined;
    return and(eq(teamsConversations.companyId, companyId), parts.length === 1 ? parts[0] : or(...parts));
  };

  return {
    saveConversation: (r) =>
      run('save_teams_conversation', () => {
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
        db.insert(teamsConversations)
          .values(row)
          .onConflictDoUpdate({ target: [teamsConversations.companyId, teamsConversations.conversationId], set: update })
          .run();
      }),
    findConversation: (companyId, conversationId) =>
      run('find_teams_conversation', () => {
        const row = db
          .select()
          .from(teamsConversations)
          .where(and(eq(teamsConversations.companyId, companyId), eq(teamsConversations.conversationId, conversationId)))
          .get();
        return row ? fromRow(row) : null;
      }),
    listConversations: (companyId) =>
      run('list_teams_conversations', () =>
        db.select().from(teamsConversations).where(eq(teamsConversations.companyId, companyId)).all().map(fromRow),
      ),
    refreshServiceUrl: (companyId, w, serviceUrl, at) =>
      run('refresh_teams_service_url', () => {
        const cond = where(companyId, w);
        if (cond) db.update(teamsConversations).set({ serviceUrl, updatedAt: at }).where(cond).run();
      }),
    markDead: (companyId, w, reason, at) =>
      run('mark_teams_conversation_dead', () => {
        const cond = where(companyId, w);
        if (cond) db.update(teamsConversations).set({ status: 'dead', deadReason: reason, updatedAt: at }).where(cond).run();
      }),
    recordSent: (s) =>
      run('record_teams_activity', () => {
        const row = { ...s, parentRef: s.parentRef ?? null };
        db.insert(teamsSentActivities)
          .values(row)
          .onConflictDoUpdate({
            target: [teamsSentActivities.companyId, teamsSentActivities.outboxId],
            set: { conversationId: s.conversationId, activityId: s.activityId, parentRef: row.parentRef, at: s.at },
          })
          .run();
      }),
    findSent: (companyId, outboxId) =>
      run('find_teams_activity', () => {
        const row = db
          .select()
          .from(teamsSentActivities)
          .where(and(eq(teamsSentActivities.companyId, companyId), eq(teamsSentActivities.outboxId, outboxId)))
          .get();
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
      }),
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
