// The QuickBooks token vault and webhook queue on the SQLite file. Tokens are sealed with AES-256-GCM
// under a key from the environment; the refresh lease is a row update inside BEGIN IMMEDIATE, so two
// processes on one database file never refresh the same realm at once.
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { SentinelError } from '../../src/domain/errors';
import type { QboVault } from '../../src/ports/storage';
import type { StoredConnection, TokenSet } from '../../src/ports/token-store';
import { OLD_SECRET_KEY_ENV, SECRET_KEY_ENV, seal, unseal } from './secret-box';
import { inWriteTransaction, type StorageDb } from './open-database';
import { qboTokens, qboWebhookEvents } from './schema-qbo';

/** The vault of one company of the deployment, on the storage's open connection. */
export function createQboVault(db: StorageDb, key: Buffer | undefined, companyId: string): QboVault {
  const realm = (realmId: string) => and(eq(qboTokens.companyId, companyId), eq(qboTokens.realmId, realmId));
  const needKey = (): Buffer => {
    if (key) return key;
    throw new SentinelError(
      'config.secret_key_missing',
      'config',
      `QuickBooks tokens are stored encrypted: set ${SECRET_KEY_ENV} to 32 random bytes (base64 or hex; make one with \`openssl rand -base64 32\`) and keep it with your other secrets.`,
    );
  };

  const load = (realmId: string): StoredConnection | null => {
    const row = db.select().from(qboTokens).where(realm(realmId)).get();
    if (!row) return null;
    const opened = unseal(needKey(), row.sealed);
    if (opened === undefined) {
      throw new SentinelError(
        'quickbooks.vault_key',
        'config',
        `The stored QuickBooks tokens cannot be decrypted with this ${SECRET_KEY_ENV}: set the key they were stored with, or run \`sync-sentinel connect quickbooks\` again (to change keys, run \`sync-sentinel rotate-key\` with the old one in ${OLD_SECRET_KEY_ENV}).`,
      );
    }
    const secret = JSON.parse(opened) as { accessToken: string; refreshToken: string };
    return {
      realmId: row.realmId,
      ...(row.companyName ? { companyName: row.companyName } : {}),
      accessToken: secret.accessToken,
      refreshToken: secret.refreshToken,
      accessExpiresAt: row.accessExpiresAt,
      ...(row.refreshExpiresAt ? { refreshExpiresAt: row.refreshExpiresAt } : {}),
      ...(row.hardExpiresAt ? { hardExpiresAt: row.hardExpiresAt } : {}),
      version: row.version,
      status: row.status,
      ...(row.disconnectedReason ? { disconnectedReason: row.disconnectedReason } : {}),
      updatedAt: row.updatedAt,
    };
  };

  const tokenColumns = (tokens: TokenSet) => ({
    sealed: seal(needKey(), JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })),
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt ?? null,
    hardExpiresAt: tokens.hardExpiresAt ?? null,
  });

  return {
    load: async (realmId) => load(realmId),

    async connect(realmId, tokens, companyName, now) {
      const values = {
        ...tokenColumns(tokens),
        companyName: companyName ?? null,
        status: 'connected' as const,
        disconnectedReason: null,
        updatedAt: now,
        leaseOwner: null,
        leaseUntil: null,
      };
      inWriteTransaction(db, () => {
        const before = db.select({ version: qboTokens.version }).from(qboTokens).where(realm(realmId)).get();
        db.insert(qboTokens)
          .values({ companyId, realmId, ...values, version: (before?.version ?? 0) + 1 })
          .onConflictDoUpdate({ target: [qboTokens.companyId, qboTokens.realmId], set: { ...values, version: (before?.version ?? 0) + 1 } })
          .run();
      });
    },

    async acquireLease(realmId, owner, ttlMs, now) {
      return inWriteTransaction(db, () => {
        const row = db.select({ owner: qboTokens.leaseOwner, until: qboTokens.leaseUntil }).from(qboTokens).where(realm(realmId)).get();
        if (!row) return false;
        if (row.owner && row.owner !== owner && row.until && row.until > now) return false;
        const until = new Date(Date.parse(now) + ttlMs).toISOString();
        db.update(qboTokens).set({ leaseOwner: owner, leaseUntil: until }).where(realm(realmId)).run();
        return true;
      });
    },

    async commitRefresh(realmId, owner, tokens, now) {
      const columns = tokenColumns(tokens);
      inWriteTransaction(db, () => {
        const row = db.select({ version: qboTokens.version, owner: qboTokens.leaseOwner }).from(qboTokens).where(realm(realmId)).get();
        if (!row) return;
        // Written even if the lease ran out meanwhile: these are now the only tokens QuickBooks accepts.
        const release = row.owner === owner ? { leaseOwner: null, leaseUntil: null } : {};
        db.update(qboTokens)
          .set({ ...columns, version: row.version + 1, updatedAt: now, status: 'connected', disconnectedReason: null, ...release })
          .where(realm(realmId))
          .run();
      });
    },

    async releaseLease(realmId, owner) {
      db.update(qboTokens)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(and(realm(realmId), eq(qboTokens.leaseOwner, owner)))
        .run();
    },

    async markDisconnected(realmId, reason, now) {
      inWriteTransaction(db, () => {
        const row = db.select({ version: qboTokens.version }).from(qboTokens).where(realm(realmId)).get();
        if (!row) return;
        db.update(qboTokens)
          .set({ status: 'disconnected', disconnectedReason: reason, updatedAt: now, version: row.version + 1 })
          .where(realm(realmId))
          .run();
      });
    },

    realms: async () =>
      db
        .select({ realmId: qboTokens.realmId })
        .from(qboTokens)
        .where(eq(qboTokens.companyId, companyId))
        .all()
        .map((r) => r.realmId),

    async enqueueWebhookEvents(events, now) {
      if (events.length === 0) return 0;
      return inWriteTransaction(db, () => {
        let added = 0;
        for (const e of events) {
          added += db
            .insert(qboWebhookEvents)
            .values({ ...e, companyId, receivedAt: now })
            .onConflictDoNothing()
            .run().changes;
        }
        return added;
      });
    },

    webhookEventsAfter: async (realmId, afterSeq) =>
      db
        .select()
        .from(qboWebhookEvents)
        .where(and(eq(qboWebhookEvents.companyId, companyId), eq(qboWebhookEvents.realmId, realmId), gt(qboWebhookEvents.seq, afterSeq)))
        .orderBy(asc(qboWebhookEvents.seq))
        .all()
        .map((r) => ({
          seq: r.seq,
          realmId: r.realmId,
          entity: r.entity,
          entityId: r.entityId,
          operation: r.operation,
          eventKey: r.eventKey,
        })),

    async dropWebhookEventsUpTo(realmId, seq) {
      db.delete(qboWebhookEvents)
        .where(and(eq(qboWebhookEvents.companyId, companyId), eq(qboWebhookEvents.realmId, realmId), lte(qboWebhookEvents.seq, seq)))
        .run();
    },
  };
}

/** Whether any QuickBooks connection of the company is stored. */
export function hasQboTokens(db: StorageDb, companyId: string): boolean {
  return db.select({ r: qboTokens.realmId }).from(qboTokens).where(eq(qboTokens.companyId, companyId)).get() !== undefined;
}
