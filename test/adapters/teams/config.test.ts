import { describe, expect, it } from 'vitest';
import { readTeamsEnv } from '../../../adapters/teams/env';
import { parseConfig } from '../../../src/config/parse';
import { formatError } from '../../../src/config/parse-error';

const withChannel = (lines: string[]) =>
  ['sources:', '  - { id: fieldpro, type: files, path: upstream }', 'channels:', '  - type: teams', '    name: ops', ...lines, ''].join(
    '\n',
  );
const errorsOf = (text: string) => {
  const r = parseConfig(text, 'sync-sentinel.yaml');
  return r.ok ? [] : r.errors.map(formatError);
};

describe('a Teams channel in the config', () => {
  it('reads the channel id and fills in the port and the app package defaults', () => {
    const r = parseConfig(withChannel(["    channel_id: '19:abc123@thread.tacv2'"]), 'sync-sentinel.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
    expect(r.value.channels[0]).toMatchObject({
      type: 'teams',
      name: 'ops',
      channel_id: '19:abc123@thread.tacv2',
      port: 3978,
      app: { short_name: 'Sync Sentinel', version: '1.0.0', accent_color: '#4F6BED' },
    });
  });

  it('points at the line of a channel name given instead of its id, and says where to find the id', () => {
    expect(errorsOf(withChannel(['    channel_id: Sync Alerts']))).toEqual([
      expect.stringMatching(/^sync-sentinel\.yaml:6:17: .*channel id \(19:…@thread\.tacv2\) from the channel’s “Get link to channel”/),
    ]);
  });

  it('refuses a package setting Teams would reject', () => {
    const errors = errorsOf(
      withChannel([
        "    channel_id: '19:abc123@thread.tacv2'",
        '    app: { short_name: A name far too long for the Teams store entry, website_url: http://example.com }',
      ]),
    ).join('\n');
    expect(errors).toMatch(/sync-sentinel\.yaml:7:\d+: .*short_name/);
    expect(errors).toMatch(/use an https:\/\/ address/);
  });
});

describe('Teams credentials from the environment', () => {
  it('reads our names or Bot Framework’s own, and resolves the certificate key path', () => {
    expect(readTeamsEnv({ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' }, '/srv')).toEqual({
      appId: 'a',
      password: 'p',
      tenantId: 't',
    });
    expect(readTeamsEnv({ MicrosoftAppId: 'b', MicrosoftAppPassword: 'q', MicrosoftAppType: 'MultiTenant' }, '/srv')).toEqual({
      appId: 'b',
      password: 'q',
      appType: 'MultiTenant',
    });
    expect(
      readTeamsEnv({ MICROSOFT_APP_ID: 'c', MICROSOFT_APP_CERT_THUMBPRINT: 'AB', MICROSOFT_APP_CERT_KEY_FILE: 'keys/bot.pem' }, '/srv'),
    ).toEqual({ appId: 'c', certThumbprint: 'AB', certKeyFile: '/srv/keys/bot.pem' });
    expect(readTeamsEnv({}, '/srv')).toEqual({});
  });
});
