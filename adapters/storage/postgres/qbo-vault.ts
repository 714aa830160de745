// The QuickBooks token vault and webhook queue of one company, on Postgres. Tokens are sealed with
// AES-256-GCM (../secret-box.ts). The refresh lease is one conditional UPDATE: Postgres re-checks its
// WHERE on the row's newest version after waiting for a concurrent writer, so of two instances
// racing for an expired lease exactly one updates the row and the other gets 0 rows back.
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { SentinelError } from '../../../src/domain/errors';
import type { QboVault } from '../../../src/ports/storage';
import type { StoredConnection, TokenSet } from '../../../src/ports/token-store';
import { OLD_SECRET_KEY_ENV, SECRET_KEY_ENV, seal, unseal } from '../secret-box';
import { bytewise } from './collate';
import type { PgDb } from './db';
import { qboTokens, qboWebhookEvents } from './schema-areas';

export function createPgQboVault(db: PgDb, key: Buffer | undefined, companyId: string): QboVault {
  const realm = (realmId: string) => and(eq(qboTokens.companyId, companyId), eq(qboTokens.realmId, realmId));
  const needKey = (): Buffer => {
    if (key) return key;
    throw new SentinelError(
      'config.secret_key_missing',
      'config',
      `QuickBooks tokens are stored encrypted: set ${SECRET_KEY_ENV} to 32 random bytes (base64 or hex; make one with \`openssl rand -base64 32\`) and keep it with your other secrets.`,
    );
  };
  const tokenColumns = (tokens: TokenSet) => ({
    sealed: seal(needKey(), JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })),
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt ?? null,
    hardExpiresAt: tokens.hardExpiresAt ?? null,
  });
  const ofRealm = (realmId: string) => and(eq(qboWebhookEvents.companyId, companyId), eq(qboWebhookEvents.realmId, realmId));

  return {
    async load(realmId): Promise<StoredConnection | null> {
      const [row] = await db.select().from(qboTokens).where(realm(realmId));
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
    },

    async connect(realmId, tokens, companyName, now) {
      const values = {
        ...tokenColumns(tokens),
        companyName: companyName ?? null,
        status: 'connected' as const,
        disconnectedReason: null,
        updatedAt: now,
      };
      const released = { leaseOwner: null, leaseUntil: null };
      await db
        .insert(qboTokens)
        .values({ companyId, realmId, ...values, ...released, version: 1 })
        .onConflictDoUpdate({
          target: [qboTokens.companyId, qboTokens.realmId],
          set: { ...values, ...released, version: sql`${qboTokens.version} + 1` },
        });
    },

    async acquireLease(realmId, owner, ttlMs, now) {
      const until = new Date(Date.parse(now) + ttlMs).toISOString();
      const free = or(
        isNull(qboTokens.leaseOwner),
        eq(qboTokens.leaseOwner, owner),
        isNull(qboTokens.leaseUntil),
        lte(bytewise(qboTokens.leaseUntil), now),
      );
      const result = await db
        .update(qboTokens)
        .set({ leaseOwner: owner, leaseUntil: until })
        .where(and(realm(realmId), free));
      return result.rowCount === 1;
    },

    async commitRefresh(realmId, owner, tokens, now) {
      // Written even if the lease ran out meanwhile: these are now the only tokens QuickBooks accepts.
      await db
        .update(qboTokens)
        .set({
          ...tokenColumns(tokens),
          version: sql`${qboTokens.version} + 1`,
          updatedAt: now,
          status: 'connected',
          disconnectedReason: null,
          leaseOwner: sql`CASE WHEN ${qboTokens.leaseOwner} = ${owner} THEN NULL ELSE ${qboTokens.leaseOwner} END`,
          leaseUntil: sql`CASE WHEN ${qboTokens.leaseOwner} = ${owner} THEN NULL ELSE ${qboTokens.leaseUntil} END`,
        })
        .where(realm(realmId));
    },

    async releaseLease(realmId, owner) {
      await db
        .update(qboTokens)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(and(realm(realmId), eq(qboTokens.leaseOwner, owner)));
    },

    async markDisconnected(realmId, reason, now) {
      await db
        .update(qboTokens)
        .set({ status: 'disconnected', disconnectedReason: reason, updatedAt: now, version: sql`${qboTokens.version} + 1` })
        .where(realm(realmId));
    },

    async realms() {
      const rows = await db.select({ realmId: qboTokens.realmId }).from(qboTokens).where(eq(qboTokens.companyId, companyId));
      return rows.map((r) => r.realmId);
    },

    async enqueueWebhookEvents(events, now) {
      if (events.length === 0) return 0;
      // Writers of one realm's queue take turns, so sequence numbers become visible in order: a poll
      // that re-checked up to seq n and drops it can never drop an n-1 that committed after its read.
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sync-sentinel webhooks ${companyId}`}))`);
        // A redelivery (same key) hits the unique index and is skipped; RETURNING counts only the new ones.
        const added = await tx
          .insert(qboWebhookEvents)
          .values(events.map((e) => ({ ...e, companyId, receivedAt: now })))
          .onConflictDoNothing()
          .returning({ seq: qboWebhookEvents.seq });
        return added.length;
      });
    },

    async webhookEventsAfter(realmId, afterSeq) {
      const rows = await db
        .select()
        .from(qboWebhookEvents)
        .where(and(ofRealm(realmId), gt(qboWebhookEvents.seq, afterSeq)))
        .orderBy(asc(qboWebhookEvents.seq));
      return rows.map((r) => ({
        seq: r.seq,
        realmId: r.realmId,
        entity: r.entity,
        entityId: r.entityId,
        operation: r.operation,
        eventKey: r.eventKey,
      }));
    },

    async dropWebhookEventsUpTo(realmId, seq) {
      await db.delete(qboWebhookEvents).where(and(ofRealm(realmId), lte(qboWebhookEvents.seq, seq)));
    },
  };
}

export async function hasPgQboTokens(db: PgDb, companyId: string): Promise<boolean> {
  const rows = await db.select({ realmId: qboTokens.realmId }).from(qboTokens).where(eq(qboTokens.companyId, companyId)).limit(1);
  return rows.length > 0;
}
