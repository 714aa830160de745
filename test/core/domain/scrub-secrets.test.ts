import { describe, expect, it } from 'vitest';
import { asSentinelError, SentinelError } from '../../../src/domain/errors';
import { credentialVariables, rememberSecrets, scrubSecrets } from '../../../src/domain/scrub-secrets';

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz';

describe('the secret scrubber', () => {
  it('removes token-shaped text a vendor echoes, whoever configured it', () => {
    const echoed = [
      `invalid token: Bearer abc123def456`,
      `Authorization: Basic ZGVtbzpzZWNyZXQtdmFsdWU=`,
      `POST /token access_token=zzzzzzzz&refresh_token=yyyyyyyy&client_secret=xxxxxxxx`,
      `{"access_token": "wwwwwwww", "api_key":"vvvvvvvv"}`,
      `session ${JWT} rejected`,
    ].join('\n');
    const out = scrubSecrets(echoed);
    for (const leaked of [
      'abc123def456',
      'ZGVtbzpzZWNyZXQtdmFsdWU=',
      'zzzzzzzz',
      'yyyyyyyy',
      'xxxxxxxx',
      'wwwwwwww',
      'vvvvvvvv',
      'c2lnbmF0dXJlLWJ5dGVz',
    ])
      expect(out).not.toContain(leaked);
    expect(out).toContain('invalid token: Bearer [redacted]');
  });

  it('removes the value of a remembered credential wherever it appears, and keeps ordinary words', () => {
    rememberSecrets(['plain-looking-value-91f3', 'demo']);
    expect(scrubSecrets('the key plain-looking-value-91f3 was refused for demo')).toBe('the key [redacted] was refused for demo');
  });

  it('runs on every SentinelError message and on anything asSentinelError normalises', () => {
    rememberSecrets(['another-credential-77aa']);
    expect(new SentinelError('upstream.x.http_401', 'auth', 'HTTP 401 (invalid token: another-credential-77aa)').message).not.toContain(
      'another-credential-77aa',
    );
    expect(asSentinelError(new Error('socket hang up, Bearer another-credential-77aa')).message).not.toContain('another-credential-77aa');
  });

  it('takes credentials from variables whose names say so, not from every variable', () => {
    expect(
      credentialVariables({
        ST_CLIENT_SECRET: 's',
        HCP_API_KEY: 'k',
        JOBBER_ACCESS_TOKEN: 't',
        MICROSOFT_APP_PASSWORD: 'p',
        HOME: '/home/x',
        LOG_LEVEL: 'info',
      }).sort(),
    ).toEqual(['k', 'p', 's', 't']);
  });
});
