// The bot installed in the team beforehand, as Teams' installationUpdate leaves it: each Teams
// company's channel with the connector fake's service URL, written through the Postgres storage.
import { openPostgresStorage } from '../../../adapters/storage/postgres/open-storage';
import type { FleetCompany } from './fleet';

export async function seedTeamsConversations(url: string, companies: FleetCompany[], teamId: string, serviceUrl: string): Promise<void> {
  const storage = await openPostgresStorage(url);
  try {
    for (const c of companies) {
      if (!c.teams) continue;
      await storage.conversations.saveConversation({
        companyId: c.id,
        conversationId: c.teams.channelId,
        kind: 'channel',
        teamId,
        teamName: 'Field Ops',
        name: `alerts-${c.id}`,
        serviceUrl,
        botId: '28:proof-bot',
        botName: 'Sync Sentinel',
        status: 'active',
        updatedAt: new Date().toISOString(),
      });
    }
  } finally {
    await storage.close();
  }
}
