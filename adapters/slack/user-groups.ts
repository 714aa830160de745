// Which Slack user groups a person belongs to, for "who may act" rules. usergroups.list with
// include_users is one Tier 2 call; the answer is kept for five minutes.
import type { SlackWebClient } from './web-client';

export interface UserGroups {
  groupsOf(userId: string): Promise<string[]>;
}

export function createUserGroups(client: SlackWebClient, opts: { ttlMs?: number; now?: () => number } = {}): UserGroups {
  const ttl = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  let cached: { at: number; members: Map<string, string[]> } | null = null;
  return {
    async groupsOf(userId) {
      if (!cached || now() - cached.at > ttl) {
        try {
          const res = await client.usergroups.list({ include_users: true });
          const members = new Map<string, string[]>();
          for (const g of res.usergroups ?? []) {
            if (!g.id) continue;
            for (const u of g.users ?? []) members.set(u, [...(members.get(u) ?? []), g.id]);
          }
          cached = { at: now(), members };
        } catch {
          // Without the usergroups:read scope nobody matches a group rule; user and channel rules still work.
          cached = { at: now(), members: new Map() };
        }
      }
      return cached.members.get(userId) ?? [];
    },
  };
}
