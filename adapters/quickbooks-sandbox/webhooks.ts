// Signed webhook deliveries the way Intuit sends them: the raw JSON body, HMAC-SHA256 under the app's
// verifier token, base64, in the `intuit-signature` header. Payloads in both formats Intuit uses.
import { createHmac, randomUUID } from 'node:crypto';

export interface ChangeEvent {
  realmId: string;
  /** QuickBooks entity name, e.g. "Invoice". */
  name: string;
  id: string;
  operation: 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed';
  lastUpdated?: string;
  deletedId?: string;
}

/** The legacy `eventNotifications` payload, one notification per realm. */
export function legacyPayload(events: ChangeEvent[]): string {
  const realms = [...new Set(events.map((e) => e.realmId))];
  return JSON.stringify({
    eventNotifications: realms.map((realmId) => ({
      realmId,
      dataChangeEvent: {
        entities: events
          .filter((e) => e.realmId === realmId)
          .map((e) => ({
            name: e.name,
            id: e.id,
            operation: e.operation,
            lastUpdated: e.lastUpdated ?? new Date().toISOString(),
            ...(e.deletedId ? { deletedId: e.deletedId } : {}),
          })),
      },
    })),
  });
}

const VERBS: Record<ChangeEvent['operation'], string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Merge: 'merged',
  Void: 'voided',
  Emailed: 'emailed',
};

/** The CloudEvents payload: an array of events, `type` qbo.<entity>.<verb>.v1, realm in `intuitaccountid`. */
export function cloudEventsPayload(events: ChangeEvent[], ids: string[] = []): string {
  return JSON.stringify(
    events.map((e, i) => ({
      specversion: '1.0',
      id: ids[i] ?? randomUUID(),
      source: 'intuit.sandbox',
      type: `qbo.${e.name.toLowerCase()}.${VERBS[e.operation]}.v1`,
      datacontenttype: 'application/json',
      time: e.lastUpdated ?? new Date().toISOString(),
      intuitentityid: e.id,
      intuitaccountid: e.realmId,
      ...(e.deletedId ? { data: { deletedid: e.deletedId } } : {}),
    })),
  );
}

export function signWebhook(body: string, verifierToken: string): string {
  return createHmac('sha256', verifierToken).update(body).digest('base64');
}

/** POSTs a payload to a webhook endpoint, signed unless `signature` overrides it (null: no header). */
export async function sendWebhook(
  url: string,
  body: string,
  verifierToken: string,
  signature?: string | null,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const sig = signature === undefined ? signWebhook(body, verifierToken) : signature;
  if (sig !== null) headers['intuit-signature'] = sig;
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
