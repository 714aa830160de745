// Where an accounting connection's OAuth tokens live between runs. Implementations keep the tokens
// encrypted at rest and serialise refreshes of one realm across processes with a lease.

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** UTC instants. */
  accessExpiresAt: string;
  refreshExpiresAt?: string;
  /** The refresh token's five-year hard limit, when the token endpoint said. */
  hardExpiresAt?: string;
}

export interface StoredConnection extends TokenSet {
  realmId: string;
  companyName?: string;
  /** Bumped on every write: a reader that saw version n knows a refresh happened when it sees n+1. */
  version: number;
  status: 'connected' | 'disconnected';
  /** Why the connection stopped working (invalid_grant, revoked, subscription lapsed). */
  disconnectedReason?: string;
  updatedAt: string;
}

export interface TokenStore {
  load(realmId: string): Promise<StoredConnection | null>;
  /** Stores a fresh connection (after `connect`), replacing any earlier one for the realm. */
  connect(realmId: string, tokens: TokenSet, companyName: string | undefined, now: string): Promise<void>;
  /**
   * Takes the realm's refresh lease unless another owner holds an unexpired one. One transaction
   * that takes the write lock first, so two processes never both succeed.
   */
  acquireLease(realmId: string, owner: string, ttlMs: number, now: string): Promise<boolean>;
  /** Writes rotated tokens and releases the lease in one transaction. */
  commitRefresh(realmId: string, owner: string, tokens: TokenSet, now: string): Promise<void>;
  releaseLease(realmId: string, owner: string): Promise<void>;
  markDisconnected(realmId: string, reason: string, now: string): Promise<void>;
  /** Realms with stored tokens (connected or not). */
  realms(): Promise<string[]>;
}
