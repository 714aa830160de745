// Reads cards the way a person reads them in Teams: the text of each block, in order.
type Json = Record<string, unknown>;

export function cardOf(activity: Json | undefined): Json | undefined {
  const attachments = (activity?.['attachments'] ?? []) as Json[];
  return attachments.find((a) => a['contentType'] === 'application/vnd.microsoft.card.adaptive')?.['content'] as Json | undefined;
}

/** One string per text block (RichTextBlock runs joined, TextBlock text). */
export function cardLines(card: object | undefined): string[] {
  const out: string[] = [];
  const walk = (el: unknown) => {
    if (!el || typeof el !== 'object') return;
    const e = el as Json;
    if (e['type'] === 'RichTextBlock') out.push(((e['inlines'] ?? []) as Json[]).map((r) => String(r['text'] ?? '')).join(''));
    else if (e['type'] === 'TextBlock') out.push(String(e['text'] ?? ''));
    for (const key of ['body', 'items', 'columns']) if (Array.isArray(e[key])) (e[key] as unknown[]).forEach(walk);
  };
  walk(card);
  return out;
}

/** Every action (and nested show-card action) with its verb or title. */
export function cardActions(card: object | undefined): Json[] {
  const out: Json[] = [];
  const walk = (actions: unknown) => {
    for (const a of (actions ?? []) as Json[]) {
      out.push(a);
      if (a['card']) walk((a['card'] as Json)['actions']);
    }
  };
  walk((card as Json | undefined)?.['actions']);
  return out;
}
