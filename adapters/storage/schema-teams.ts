// Teams: the conversations the bot was installed into, and the activities it sent per outbox item.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const teamsConversations = sqliteTable(
  'teams_conversations',
  {
    companyId: text('company_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    kind: text('kind').$type<'channel' | 'personal' | 'groupChat'>().notNull(),
    teamId: text('team_id'),
    teamName: text('team_name'),
    name: text('name'),
    tenantId: text('tenant_id'),
    serviceUrl: text('service_url').notNull(),
    botId: text('bot_id').notNull(),
    botName: text('bot_name'),
    status: text('status').$type<'active' | 'dead'>().notNull(),
    deadReason: text('dead_reason'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.conversationId] }), index('teams_conversations_team_idx').on(t.companyId, t.teamId)],
);

export const teamsSentActivities = sqliteTable(
  'teams_sent_activities',
  {
    companyId: text('company_id').notNull(),
    outboxId: integer('outbox_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    activityId: text('activity_id').notNull(),
    parentRef: text('parent_ref'),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.outboxId] })],
);
