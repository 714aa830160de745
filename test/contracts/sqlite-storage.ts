// The SQLite side of the Storage bundle, put together from today's SQLite stores so the contracts run
// on both engines. Lane `storage` is making `openSqliteStorage(path): Storage` the real one; once it
// lands, engines.ts uses that and this file goes.
import { eq } from 'drizzle-orm';
import { createChannelHealthStore } from '../../adapters/storage/channel-health-store';
import { hasConnectorTokens, openConnectorTokenStore } from '../../adapters/storage/connector-token-store';
import { createDigestStore } from '../../adapters/storage/digest-store';
import { createQboStore } from '../../adapters/storage/qbo-store';
import { rotateSecretKey } from '../../adapters/storage/rotate-key';
import { qboTokens } from '../../adapters/storage/schema-qbo';
import { openSqliteStore } from '../../adapters/storage/sqlite-store';
import { createTeamsStore } from '../../adapters/storage/teams-store';
import type { Storage } from '../../src/ports/storage';

export function openSqliteStorageForTests(file: string): Storage {
  const store = openSqliteStore(file);
  const closers: Array<() => void> = [];
  return {
    engine: 'sqlite',
    where: file,
    store,
    digest: createDigestStore(store.db, file),
    health: createChannelHealthStore(store.db),
    conversations: createTeamsStore(store.db, file),
    qboVault(companyId, key) {
      const vault = createQboStore(store.db, key, companyId);
      return {
        load: (realmId) => vault.load(realmId),
        connect: (...args) => vault.connect(...args),
        acquireLease: (...args) => vault.acquireLease(...args),
        commitRefresh: (...args) => vault.commitRefresh(...args),
        releaseLease: (...args) => vault.releaseLease(...args),
        markDisconnected: (...args) => vault.markDisconnected(...args),
        realms: () => vault.realms(),
        enqueueWebhookEvents: async (events, now) => vault.enqueueWebhookEvents(events, now),
        webhookEventsAfter: async (realmId, afterSeq) => vault.webhookEventsAfter(realmId, afterSeq),
        dropWebhookEventsUpTo: async (realmId, seq) => vault.dropWebhookEventsUpTo(realmId, seq),
      };
    },
    connectorTokens(companyId, key) {
      const tokens = openConnectorTokenStore(file, key, companyId);
      closers.push(() => tokens.close());
      return {
        load: async (sourceId, env) => tokens.load(sourceId, env),
        save: async (sourceId, saved, env, now) => tokens.save(sourceId, saved, env, now),
      };
    },
    hasConnectorTokens: async (companyId) => hasConnectorTokens(file, companyId),
    hasQboTokens: async (companyId) =>
      store.db.select({ r: qboTokens.realmId }).from(qboTokens).where(eq(qboTokens.companyId, companyId)).get() !== undefined,
    rotateKey: async (oldKey, newKey, now) => rotateSecretKey(file, oldKey, newKey, now),
    async close() {
      for (const close of closers) close();
      await store.close();
    },
  };
}
