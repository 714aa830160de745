// Inbound activities as Teams sends them to /api/messages, built small.
import { randomUUID } from 'node:crypto';

export const TENANT = '72f988bf-0000-4000-8000-00000000cafe';
export const TEAM = '19:team-general@thread.tacv2';
export const OPS = '19:sync-alerts@thread.tacv2';
export const BOT = { id: '28:0b0b0b0b-1111-4222-8333-444444444444', name: 'Sync Sentinel' };
export const DANA = { id: '29:dana', name: 'Dana Ortiz', aadObjectId: 'aad-dana' };

type Activity = Record<string, unknown>;

function base(serviceUrl: string, extra: Activity): Activity {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: DANA,
    recipient: BOT,
    ...extra,
  };
}

function inChannel(channelId: string, threadRoot?: string) {
  return {
    conversation: {
      id: threadRoot ? `${channelId};messageid=${threadRoot}` : channelId,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM, name: 'Field Ops' }, channel: { id: channelId } },
  };
}

/** The app added to the team (Teams sends installationUpdate and a conversationUpdate). */
export function installedInTeam(serviceUrl: string): Activity {
  return base(serviceUrl, { type: 'installationUpdate', action: 'add', ...inChannel(TEAM) });
}

export function botAddedToTeam(serviceUrl: string): Activity {
  return base(serviceUrl, {
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    ...inChannel(TEAM),
    channelData: { ...inChannel(TEAM).channelData, eventType: 'teamMemberAdded' },
  });
}

export function removedFromTeam(serviceUrl: string): Activity {
  return base(serviceUrl, { type: 'installationUpdate', action: 'remove', ...inChannel(TEAM) });
}

export function installedPersonally(serviceUrl: string): Activity {
  return base(serviceUrl, {
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    conversation: { id: 'a:1personal-chat-with-dana', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
}

/** `@Sync Sentinel <text>` in a channel (a new post, or inside a thread). */
export function mentionInChannel(serviceUrl: string, text: string, channelId = OPS, threadRoot?: string): Activity {
  return base(serviceUrl, {
    type: 'message',
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
    ...inChannel(channelId, threadRoot),
  });
}

export function personalMessage(serviceUrl: string, text: string): Activity {
  return base(serviceUrl, {
    type: 'message',
    text,
    conversation: { id: 'a:1personal-chat-with-dana', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
}

/** An Action.Execute press on a card in a thread (Universal Actions: an invoke). */
export function cardExecute(serviceUrl: string, threadId: string, verb: string, data: Record<string, unknown>): Activity {
  const [channelId] = threadId.split(';');
  return base(serviceUrl, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    ...inChannel(channelId!, threadId.split('=')[1]),
  });
}

/** The Action.Submit fallback: a message whose value holds the data. */
export function cardSubmit(serviceUrl: string, threadId: string, value: Record<string, unknown>): Activity {
  const [channelId] = threadId.split(';');
  return base(serviceUrl, { type: 'message', value, ...inChannel(channelId!, threadId.split('=')[1]) });
}
