// Everything a deployment keeps, on one database engine: the core store and the stores of the areas
// beside it (digest, channel health, Teams conversations, QuickBooks and connector token vaults). The
// rest of the program reaches storage only through this, so SQLite (one machine, the default) and
// Postgres (many companies, several instances) are interchangeable.
import type { ChannelHealthStore } from './channel-health';
import type { ConversationStore } from './conversation-store';
import type { DigestStorePort } from './digest-store';
import type { StorePort } from './store';
import type { TokenStore } from './token-store';

export type StorageEngine = 'sqlite' | 'postgres';

/** A QuickBooks webhook notification, queued until a poll re-reads the entity it names. */
export interface WebhookEvent {
  realmId: string;
  entity: string;
  entityId: string;
  operation: string;
  eventKey: string;
}

export interface QueuedEvent extends WebhookEvent {
  seq: number;
}

/** The QuickBooks token vault and webhook queue of one company. */
export interface QboVault extends TokenStore {
  /** Queues events; a redelivered event (same key) is ignored. Returns how many were new. */
  enqueueWebhookEvents(events: WebhookEvent[], now: string): Promise<number>;
  /** Events of a realm after `afterSeq`, oldest first. */
  webhookEventsAfter(realmId: string, afterSeq: number): Promise<QueuedEvent[]>;
  /** Forgets events a committed read already re-checked. */
  dropWebhookEventsUpTo(realmId: string, seq: number): Promise<void>;
}

export interface ConnectorTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
}

/** Rotating refresh tokens of one company's upstream connectors (Jobber), sealed with the deployment's key. */
export interface ConnectorTokenStore {
  /**
   * The stored tokens of a source, unless the environment now holds a different refresh token (the
   * app was reconnected): then the environment's seed wins and null is returned.
   */
  load(sourceId: string, envRefreshToken: string): Promise<ConnectorTokens | null>;
  save(sourceId: string, tokens: ConnectorTokens, envRefreshToken: string, now: Date): Promise<void>;
}

export interface RotateResult {
  /** Tokens now sealed with the new key that were sealed with the old one. */
  reencrypted: number;
  /** Tokens the new key already opened (a rotation run twice): left as they were. */
  alreadyNew: number;
  /** Tokens neither key opens, beside others the old key does: left as they were and named. */
  unreadable: string[];
}

/** What `sync-sentinel migrate` reports. */
export interface MigrationReport {
  /** Migrations applied since this process opened the database (by opening it, or by `migrate`), oldest first. */
  applied: string[];
  /** The newest migration the database now has (its tag), or null for a database without any. */
  current: string | null;
}

export interface Storage {
  readonly engine: StorageEngine;
  /** Where the data lives, for messages: the SQLite file's path, or the Postgres host and database (never the password). */
  readonly where: string;
  readonly store: StorePort;
  readonly digest: DigestStorePort;
  readonly health: ChannelHealthStore;
  readonly conversations: ConversationStore;
  /** The QuickBooks vault of a company; without a key, reading or writing tokens is refused with a message naming the variable. */
  qboVault(companyId: string, key: Buffer | undefined): QboVault;
  connectorTokens(companyId: string, key: Buffer): ConnectorTokenStore;
  /** Whether any upstream connector of the company has stored tokens (then the key is required to start). */
  hasConnectorTokens(companyId: string): Promise<boolean>;
  /** Whether any QuickBooks connection of the company is stored (then the key is required to start). */
  hasQboTokens(companyId: string): Promise<boolean>;
  /** Re-seals every stored token of every company with `newKey`, in one transaction. */
  rotateKey(oldKey: Buffer, newKey: Buffer, now: Date): Promise<RotateResult>;
  /** Applies pending schema migrations (SQLite applies them on open already) and says where the database is. */
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}
