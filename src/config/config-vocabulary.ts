// How errors in the config file talk: sources and channels are named by their ids, and the keys a
// first set-up needs come with a line to copy.
import { ownersByList, type Vocabulary } from './vocabulary';

export const configVocabulary: Vocabulary = {
  owner: ownersByList({
    sources: { noun: 'source', nameKey: 'id' },
    channels: { noun: 'channel', nameKey: 'name' },
    routes: { noun: 'route' },
  }),
  notes: {
    '': { hint: 'start the file with "sources:" and list at least one source below it' },
    sources: { hint: 'add sources: and list each source below it with an id: and a type:' },
    'sources[]': { hint: 'write the source as key: value lines after its "- ", starting with "- id: some-name"' },
    'sources[].id': { example: 'id: quickbooks', why: 'lower-case letters, digits, dashes and underscores' },
    'sources[].type': { noun: 'a source type' },
    'sources[].path': { example: 'path: exports/', why: 'the folder the exports are dropped into' },
    'sources[].preset': { noun: 'a known export preset' },
    'sources[].realm_id': { example: 'realm_id: env:QBO_REALM_ID' },
    'sources[].timeout': { example: 'timeout: 30s' },
    'sources[].retry.attempts': { example: 'attempts: 5', why: 'tries per request, the first included, 1 to 10' },
    'sources[].retry.backoff': { example: 'backoff: 1s', why: 'the first wait after a failure; it doubles with each try' },
    'sources[].retry.max_wait': { example: 'max_wait: 2m', why: 'the longest single wait, Retry-After included' },
    'matching.invoice[].by': { noun: 'a way to match invoices' },
    'matching.payment[].by': { noun: 'a way to match payments' },
    'matching.invoice[].pattern': { example: 'pattern: "(?<id>[A-Za-z0-9-]+)"' },
    'matching.payment[].pattern': { example: 'pattern: "(?<id>[A-Za-z0-9-]+)"' },
    'matching.customer.name_levels': { example: 'name_levels: [exact, close]', why: 'evidence levels: exact, close, similar' },
    'channels[].type': { noun: 'a channel type' },
    'channels[].name': { example: 'name: ops' },
    'routes[].channels': { example: 'channels: [ops]', why: 'names from channels:' },
    'routes[].match.severity[]': { noun: 'a severity' },
    'storage.sqlite': { example: 'sqlite: data/sentinel.db' },
    'storage.postgres': { example: 'postgres: { url_env: DATABASE_URL }' },
    'storage.postgres.url_env': { example: 'url_env: DATABASE_URL', why: 'the variable holding the connection URL' },
    'company.time_zone': { example: 'time_zone: America/Chicago' },
    'company.history_from': {
      example: 'history_from: 2026-06-01',
      why: 'the first day the QuickBooks sync carried, in the company time zone',
    },
    'company.close_day': { example: 'close_day: 5', why: 'day of the month the books close, 1 to 28' },
    'incidents.diagnosis_window': { example: 'diagnosis_window: 7d' },
    'incidents.repeat_interval': { example: 'repeat_interval: 1d' },
    'classifier.amount_over': { example: 'amount_over: 2500', why: 'dollars' },
    rules: { example: 'rules: [rules/default.yaml]' },
    version: { example: 'version: 1' },
  },
};
