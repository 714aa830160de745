// The one scrubber every error text from an outside system passes before it can reach a log, the
// database or a channel: vendors echo what they were sent ("invalid token: Bearer …"), so their words
// are never trusted to be clean. It removes the value of every credential the process was given and
// anything shaped like a token. SentinelError runs it on every message, and the logger on every line.
//
// The credential values are process-wide on purpose: they are known once, at start-up, and an error
// can be built anywhere below that point without being handed them.

const REDACTED = '[redacted]';
/** Shorter values (a demo's "demo") would blank out ordinary words; real tokens and secrets are long. */
const MIN_SECRET_LENGTH = 8;
const known = new Set<string>();
let byLength: string[] = [];

const TOKEN_SHAPES: RegExp[] = [
  // Authorization schemes, as headers or echoed in text.
  /\b(Bearer|Basic|Token|Digest)\s+[\w\-.~+/=]{6,}/gi,
  // OAuth and API-key parameters: query strings, form bodies, JSON (`"access_token": "…"`).
  /\b((?:access|refresh|id)_?token|client_?secret|api_?key|app_?key|password|secret|code_verifier|assertion)("?\s*[:=]\s*"?)[^\s"&,;}]+/gi,
  // JWT and JWE: base64url segments starting with a JSON header.
  /\beyJ[\w-]{5,}(?:\.[\w-]*){1,4}/g,
];

/** Adds credential values (from the environment, or issued at run time) to what is scrubbed. */
export function rememberSecrets(values: Iterable<string | undefined | null>): void {
  let added = false;
  for (const v of values) {
    const value = v?.trim();
    if (!value || value.length < MIN_SECRET_LENGTH || known.has(value)) continue;
    known.add(value);
    // Also as an HTTP Basic header carries it, and URL-encoded, in case a vendor echoes either.
    const encoded = encodeURIComponent(value);
    if (encoded !== value) known.add(encoded);
    added = true;
  }
  if (added) byLength = [...known].sort((a, b) => b.length - a.length);
}

/** `text` without any remembered credential (or one in `extra`) and without token-shaped strings. */
export function scrubSecrets(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const secret of extra) if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  for (const secret of byLength) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  out = out.replace(TOKEN_SHAPES[0]!, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(TOKEN_SHAPES[1]!, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
  out = out.replace(TOKEN_SHAPES[2]!, REDACTED);
  return out;
}

/** Environment variables whose names say they hold a credential (upstream ones are named in the config). */
export function credentialVariables(vars: Readonly<Record<string, string | undefined>>): string[] {
  const credential = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|APP_?KEY|PRIVATE_?KEY|IDENTITY_HEADER|CREDENTIAL)/i;
  return Object.entries(vars)
    .filter(([name, value]) => credential.test(name) && value !== undefined)
    .map(([, value]) => value!);
}
