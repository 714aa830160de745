// The actions an alert card offers, in one place: the renderer builds them and the inbound handler
// reads them back, so a button can never point at a handler that does not exist.

export const VERBS = {
  acknowledge: 'sentinel.acknowledge',
  snooze: 'sentinel.snooze',
  rootCause: 'sentinel.root_cause',
  showTrace: 'sentinel.show_trace',
  /** Pages through every record of the incident; `page` in the data, `inPlace` when the page card itself asks. */
  showRecords: 'sentinel.show_records',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Input ids inside the show-cards. */
export const INPUTS = { snoozeFor: 'snooze_for', rootCause: 'root_cause_text' } as const;

export const SNOOZE_CHOICES: ReadonlyArray<{ title: string; value: string }> = [
  { title: '1 hour', value: '1h' },
  { title: '4 hours', value: '4h' },
  { title: '1 day', value: '1d' },
  { title: '1 week', value: '1w' },
];

/** What a card sends back, whether as Action.Execute (invoke) or its Action.Submit fallback (message). */
export interface CardActionData {
  verb: Verb;
  incident: string;
  inputs: Record<string, string>;
  /** Show all records: which page, and whether the click came from a page card (which then turns the page). */
  page?: number;
  inPlace?: boolean;
  /** The company whose card it was: one Teams endpoint serves every company of a deployment. */
  company?: string;
}

const KNOWN = new Set<string>(Object.values(VERBS));

/** Reads an action's data, whatever a client or a forger sent; undefined when it is not ours. */
export function readActionData(verb: unknown, data: unknown): CardActionData | undefined {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const v = typeof verb === 'string' && verb ? verb : d['verb'];
  const incident = d['incident'];
  if (typeof v !== 'string' || !KNOWN.has(v) || typeof incident !== 'string' || !incident) return undefined;
  const inputs: Record<string, string> = {};
  for (const key of Object.values(INPUTS)) if (typeof d[key] === 'string') inputs[key] = d[key] as string;
  const page = Number(d['page']);
  return {
    verb: v as Verb,
    incident,
    inputs,
    ...(Number.isInteger(page) && page >= 1 ? { page } : {}),
    ...(d['inPlace'] === true ? { inPlace: true } : {}),
    ...(typeof d['company'] === 'string' && d['company'] ? { company: d['company'] } : {}),
  };
}

/**
 * Puts the company into every action of a card (and of its show-cards and fallbacks), so a button
 * pressed anywhere acts in the company whose card it was, whichever conversation it sits in.
 */
export function withCompany<T>(node: T, company: string): T {
  if (Array.isArray(node)) return node.map((n: unknown) => withCompany(n, company)) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = withCompany(value, company);
  const type = out['type'];
  if ((type === 'Action.Execute' || type === 'Action.Submit') && out['data'] && typeof out['data'] === 'object')
    out['data'] = { ...(out['data'] as Record<string, unknown>), company };
  return out as T;
}

/** Action.Execute (Universal Actions) with an Action.Submit fallback for older clients. */
export function executeAction(
  title: string,
  verb: Verb,
  incident: string,
  style?: 'positive' | 'destructive',
  extra: Record<string, string | number | boolean> = {},
): Record<string, unknown> {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { incident, ...extra },
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: { verb, incident, ...extra } },
  };
}
