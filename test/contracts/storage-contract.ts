// What every engine's Storage bundle promises beside the core store: the digest's weeks, channel
// problems, Teams conversations, the QuickBooks vault (sealed tokens, a refresh lease two processes
// never both win, a deduplicated webhook queue), connector tokens and key rotation. Written against
// src/ports/storage.ts only, and run on each engine (storage.contract.test.ts).
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeSnapshot } from '../../src/digest/compute-snapshot';
import { SentinelError } from '../../src/domain/errors';
import type { Storage, WebhookEvent } from '../../src/ports/storage';
import type { TokenSet } from '../../src/ports/token-store';
import { T0, aDraft, at } from '../adapters/storage/builders';
import { weekInput, weekOf } from '../digest/history';
import type { Engine, StoragePlace } from './engines';

const ACME = 'acme-hvac';
const BRAVO = 'bravo-plumbing';
const REALM = '9130 3571 4412 8800';

const tokens = (n: number): TokenSet => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessExpiresAt: at(60),
  refreshExpiresAt: at(60 * 24 * 100),
});

const event = (n: number, overrides: Partial<WebhookEvent> = {}): WebhookEvent => ({
  realmId: REALM,
  entity: 'Invoice',
  entityId: String(1000 + n),
  operation: 'Update',
  eventKey: `evt-${n}`,
  ...overrides,
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'done',
    (err: unknown) => (err instanceof SentinelError ? err.code : `untyped: ${String(err)}`),
  );

export function describeStorageContract(engine: Engine): void {
  describe(`the ${engine.name} storage's area stores (storage contract)`, () => {
    let place: StoragePlace;
    let storage: Storage;
    const key = randomBytes(32);
    beforeEach(async () => {
      place = await engine.place();
      storage = await place.open();
    });
    afterEach(() => place.cleanup());

    it('keeps one digest snapshot per company and week, a later computation replacing the earlier, oldest first', async () => {
      const week11 = computeSnapshot(weekInput(11));
      const week12 = computeSnapshot(weekInput(12));
      await storage.digest.saveSnapshot(week12, at(1));
      await storage.digest.saveSnapshot(week11, at(2));
      await storage.digest.saveSnapshot({ ...week12, health: { ...week12.health, score: 12 } }, at(3));
      await storage.digest.saveSnapshot({ ...week11, companyId: BRAVO }, at(4));

      const kept = await storage.digest.loadSnapshots(week11.companyId, weekOf(11));

      expect(kept.map((s) => [s.week, s.health.score])).toEqual([
        [weekOf(11), week11.health.score],
        [weekOf(12), 12],
      ]);
      expect(kept[0]).toEqual(week11);
      expect(await storage.digest.loadSnapshots(week11.companyId, weekOf(12))).toHaveLength(1);
    });

    it('remembers which channels received a week’s digest, and how far a half-sent one got', async () => {
      await storage.digest.markSent(ACME, '2026-W14', 'leadership', at(1));
      await storage.digest.markSent(ACME, '2026-W14', 'leadership', at(2));
      await storage.digest.saveProgress(ACME, '2026-W14', 'ops', { mainRef: 'ts-1', done: ['main'] }, at(1));
      await storage.digest.saveProgress(ACME, '2026-W14', 'ops', { mainRef: 'ts-1', done: ['main', 'chart'] }, at(2));

      expect(await storage.digest.sentChannels(ACME, '2026-W14')).toEqual(['leadership']);
      expect(await storage.digest.sentChannels(BRAVO, '2026-W14')).toEqual([]);
      expect(await storage.digest.loadProgress(ACME, '2026-W14', 'ops')).toEqual({ mainRef: 'ts-1', done: ['main', 'chart'] });
      expect(await storage.digest.loadProgress(ACME, '2026-W14', 'leadership')).toBeNull();
    });

    it('opens a channel problem once, tells the other channels only then, and resolves it naming who was told', async () => {
      const report = {
        companyId: ACME,
        channel: 'ops',
        kind: 'not_in_channel',
        summary: 'the app was removed',
        fix: 'invite it back',
        at: T0,
      };
      const notice = (incidentId: string) => [aDraft({ channel: 'leadership', incidentId, op: 'post_parent', createdAt: T0 })];

      const first = await storage.health.reportProblem(report, (p) => notice(`channel-health:${p.channel}:${p.episode}`));
      const again = await storage.health.reportProblem({ ...report, at: at(5) }, (p) => notice(`channel-health:${p.channel}:${p.episode}`));
      let told: string[] = [];
      const resolved = await storage.health.resolveProblem(ACME, 'ops', at(10), (_p, channels) => {
        told = channels;
        return [];
      });

      expect([first.opened, again.opened]).toEqual([true, false]);
      expect(again.problem).toMatchObject({ episode: 1, lastSeenAt: at(5) });
      expect(await storage.store.pendingDeliveryCount('leadership')).toBe(1);
      expect(told).toEqual(['leadership']);
      expect(resolved).toMatchObject({ episode: 1, resolvedAt: at(10) });
      expect(await storage.health.openProblems(ACME)).toEqual([]);
      expect((await storage.health.reportProblem({ ...report, at: at(20) }, () => [])).problem.episode).toBe(2);
    });

    it('keeps a company’s Teams conversations: a team’s new service URL, a removed team, and the activity sent per item', async () => {
      const base = {
        companyId: ACME,
        kind: 'channel' as const,
        teamId: 'team-1',
        serviceUrl: 'https://smba.example/amer/',
        botId: 'bot',
        status: 'active' as const,
        updatedAt: T0,
      };
      await storage.conversations.saveConversation({ ...base, conversationId: '19:general@thread.tacv2', name: 'General' });
      await storage.conversations.saveConversation({ ...base, conversationId: '19:ops@thread.tacv2', name: 'Ops' });
      await storage.conversations.saveConversation({ ...base, companyId: BRAVO, conversationId: '19:other@thread.tacv2' });

      await storage.conversations.refreshServiceUrl(
        ACME,
        { teamId: 'team-1', conversationId: '19:ops@thread.tacv2' },
        'https://smba.example/emea/',
        at(1),
      );
      await storage.conversations.markDead(ACME, { conversationId: '19:general@thread.tacv2' }, 'app removed from the team', at(2));
      await storage.conversations.recordSent({
        companyId: ACME,
        outboxId: 7,
        conversationId: '19:ops@thread.tacv2;messageid=1',
        activityId: '1',
        parentRef: '1',
        at: at(3),
      });

      const listed = await storage.conversations.listConversations(ACME);
      expect(listed.map((c) => [c.name, c.serviceUrl, c.status])).toEqual([
        ['General', 'https://smba.example/emea/', 'dead'],
        ['Ops', 'https://smba.example/emea/', 'active'],
      ]);
      expect(await storage.conversations.findConversation(ACME, '19:general@thread.tacv2')).toMatchObject({
        deadReason: 'app removed from the team',
      });
      expect(await storage.conversations.findConversation(ACME, '19:other@thread.tacv2')).toBeNull();
      expect(await storage.conversations.findSent(ACME, 7)).toMatchObject({ activityId: '1', parentRef: '1' });
      expect(await storage.conversations.findSent(BRAVO, 7)).toBeNull();
    });

    it('keeps QuickBooks tokens sealed per company: they load with the key, and are refused with another or none', async () => {
      await storage.qboVault(ACME, key).connect(REALM, tokens(1), 'Acme HVAC LLC', T0);

      expect(await storage.qboVault(ACME, key).load(REALM)).toMatchObject({
        accessToken: 'access-1',
        refreshToken: 'refresh-1',
        version: 1,
        status: 'connected',
      });
      expect(await storage.qboVault(BRAVO, key).load(REALM)).toBeNull();
      expect(await refusal(storage.qboVault(ACME, randomBytes(32)).load(REALM))).toBe('quickbooks.vault_key');
      expect(await refusal(storage.qboVault(ACME, undefined).load(REALM))).toBe('config.secret_key_missing');
      expect([await storage.hasQboTokens(ACME), await storage.hasQboTokens(BRAVO)]).toEqual([true, false]);
      expect(await storage.qboVault(ACME, key).realms()).toEqual([REALM]);
    });

    it('holds the refresh lease for its owner until it runs out; a refresh bumps the version and frees it', async () => {
      const vault = storage.qboVault(ACME, key);
      await vault.connect(REALM, tokens(1), undefined, T0);

      expect(await vault.acquireLease(REALM, 'host-a:1', 60_000, T0)).toBe(true);
      expect(await vault.acquireLease(REALM, 'host-b:2', 60_000, at(0.5))).toBe(false);
      await vault.commitRefresh(REALM, 'host-a:1', tokens(2), at(0.6));
      expect(await vault.acquireLease(REALM, 'host-b:2', 60_000, at(0.7))).toBe(true);
      expect(await vault.acquireLease(REALM, 'host-a:1', 60_000, at(2))).toBe(true);
      await vault.markDisconnected(REALM, 'invalid_grant', at(3));

      expect(await vault.load(REALM)).toMatchObject({
        refreshToken: 'refresh-2',
        version: 3,
        status: 'disconnected',
        disconnectedReason: 'invalid_grant',
      });
      expect(await vault.acquireLease('another-realm', 'host-a:1', 60_000, T0)).toBe(false);
    });

    it('gives the refresh lease to exactly one of two processes racing for it, round after round', async () => {
      const other = await place.open();
      const mine = storage.qboVault(ACME, key);
      const theirs = other.qboVault(ACME, key);
      await mine.connect(REALM, tokens(0), undefined, T0);

      const winners: string[] = [];
      for (let round = 1; round <= 15; round++) {
        const now = at(round);
        const [a, b] = await Promise.all([
          mine.acquireLease(REALM, 'host-a:1', 60_000, now),
          theirs.acquireLease(REALM, 'host-b:2', 60_000, now),
        ]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
        const [winner, vault] = a ? ['host-a:1', mine] : ['host-b:2', theirs];
        winners.push(winner);
        await vault.commitRefresh(REALM, winner, tokens(round), now);
      }

      expect(await theirs.load(REALM)).toMatchObject({ refreshToken: 'refresh-15', version: 16 });
    });

    it('queues a webhook event once per key, hands events out in order after a sequence number, and forgets dropped ones', async () => {
      const queue = storage.qboVault(ACME, key);
      expect(await queue.enqueueWebhookEvents([event(1), event(2), event(1)], T0)).toBe(2);
      expect(await queue.enqueueWebhookEvents([event(2), event(3)], at(1))).toBe(1);
      expect(await storage.qboVault(BRAVO, key).enqueueWebhookEvents([event(1)], at(1))).toBe(1);

      const queued = await queue.webhookEventsAfter(REALM, 0);
      expect(queued.map((e) => e.eventKey)).toEqual(['evt-1', 'evt-2', 'evt-3']);
      await queue.dropWebhookEventsUpTo(REALM, queued[1]!.seq);
      expect((await queue.webhookEventsAfter(REALM, 0)).map((e) => e.entityId)).toEqual(['1003']);
      expect(await queue.webhookEventsAfter(REALM, queued[2]!.seq)).toEqual([]);
    });

    it('keeps a connector’s rotated tokens per company, until the environment brings another refresh token', async () => {
      await storage
        .connectorTokens(ACME, key)
        .save('jobber', { accessToken: 'a-2', refreshToken: 'r-2', expiresAt: 1_775_000_000 }, 'r-seed', new Date(T0));

      expect(await storage.connectorTokens(ACME, key).load('jobber', 'r-seed')).toEqual({
        accessToken: 'a-2',
        refreshToken: 'r-2',
        expiresAt: 1_775_000_000,
      });
      expect(await storage.connectorTokens(ACME, key).load('jobber', 'r-reconnected')).toBeNull();
      expect(await storage.connectorTokens(BRAVO, key).load('jobber', 'r-seed')).toBeNull();
      expect(await refusal(storage.connectorTokens(ACME, randomBytes(32)).load('jobber', 'r-seed'))).toBe('config.secret_key_mismatch');
      expect([await storage.hasConnectorTokens(ACME), await storage.hasConnectorTokens(BRAVO)]).toEqual([true, false]);
    });

    it('re-seals every company’s tokens with a new key, and a second run finds them already new', async () => {
      const next = randomBytes(32);
      await storage.qboVault(ACME, key).connect(REALM, tokens(1), undefined, T0);
      await storage.qboVault(BRAVO, key).connect('4620 8146 0022 1000', tokens(2), undefined, T0);
      await storage.connectorTokens(ACME, key).save('jobber', { accessToken: 'a-1', refreshToken: 'r-1' }, 'seed', new Date(T0));

      expect(await storage.rotateKey(key, next, new Date(at(1)))).toEqual({ reencrypted: 3, alreadyNew: 0, unreadable: [] });
      expect(await storage.rotateKey(key, next, new Date(at(2)))).toEqual({ reencrypted: 0, alreadyNew: 3, unreadable: [] });
      expect(await storage.qboVault(BRAVO, next).load('4620 8146 0022 1000')).toMatchObject({ refreshToken: 'refresh-2' });
      expect(await storage.connectorTokens(ACME, next).load('jobber', 'seed')).toMatchObject({ refreshToken: 'r-1' });
    });

    it('changes nothing when the old key opens none of the tokens, and refuses while a refresh holds its lease', async () => {
      await storage.qboVault(ACME, key).connect(REALM, tokens(1), undefined, T0);

      expect(await refusal(storage.rotateKey(randomBytes(32), randomBytes(32), new Date(at(1))))).toBe('config.secret_key_mismatch');
      await storage.qboVault(ACME, key).acquireLease(REALM, 'host-a:1', 60_000, at(1));
      expect(await refusal(storage.rotateKey(key, randomBytes(32), new Date(at(1.5))))).toBe('store.rotate_busy');
      expect(await storage.qboVault(ACME, key).load(REALM)).toMatchObject({ accessToken: 'access-1' });
    });
  });
}
