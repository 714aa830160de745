// What a QuickBooks error body says, whatever shape it came in: Fault JSON with `Fault.Error[].Message`
// or `fault.error[].message` keys, an XML IntuitResponse fault, or an HTML error page from the edge.

export interface FaultInfo {
  type?: string;
  code?: string;
  message?: string;
  detail?: string;
  /** Set when the body was not JSON, so the message can say what came back instead. */
  nonJson?: 'xml' | 'html' | 'text';
  /** The HTML page's title. */
  title?: string;
}

export function readFault(body: unknown): FaultInfo {
  if (typeof body === 'string') return readText(body);
  const fault = field(body, 'fault');
  const first = firstOf(field(fault, 'error'));
  return {
    type: text(field(fault, 'type')),
    code: text(field(first, 'code')),
    message: text(field(first, 'message')),
    detail: text(field(first, 'detail')),
  };
}

/** True when a body that arrived with HTTP 200 is a Fault rather than data. */
export function isFaultBody(body: unknown): boolean {
  return firstOf(field(field(body, 'fault'), 'error')) !== undefined;
}

function readText(body: string): FaultInfo {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      return readFault(JSON.parse(trimmed));
    } catch {
      return { nonJson: 'text' };
    }
  }
  if (/<html|<!doctype html/i.test(trimmed)) {
    return { nonJson: 'html', title: /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim() };
  }
  if (trimmed.startsWith('<')) {
    return {
      nonJson: 'xml',
      type: /<Fault[^>]*\btype="([^"]*)"/i.exec(trimmed)?.[1],
      code: /<Error[^>]*\bcode="([^"]*)"/i.exec(trimmed)?.[1],
      message: xmlText(/<Message>([^<]*)<\/Message>/i.exec(trimmed)?.[1]),
      detail: xmlText(/<Detail>([^<]*)<\/Detail>/i.exec(trimmed)?.[1]),
    };
  }
  return { nonJson: 'text' };
}

/** Looks a key up ignoring case: QuickBooks capitalises fault keys in some faults and not others. */
function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const key = Object.keys(value).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (value as Record<string, unknown>)[key];
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function xmlText(value: string | undefined): string | undefined {
  return value?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim() || undefined;
}
