// Postgres for tests: a fresh, uniquely named database on the run's one embedded server
// (test/support/postgres-server.ts starts it because this file is imported).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

function server() {
  const found = inject('postgres');
  if (!found) {
    throw new Error(
      'No Postgres server was started for this run: test/support/postgres-server.ts must be the globalSetup in vitest.config.ts.',
    );
  }
  return found;
}

const urlOf = (database: string) => {
  const { host, port, user, password } = server();
  return `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
};

/** Postgres refuses to copy a template while another CREATE DATABASE copies it: such a copy is tried again. */
const TEMPLATE_BUSY = '55006';

/**
 * Creates a database for the caller, with the schema already migrated (a copy of the run's template;
 * `empty: true` for one without tables), and returns its connection URL.
 */
export async function freshDatabase(opts: { empty?: boolean } = {}): Promise<string> {
  const name = `sentinel_${process.pid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(opts.empty ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE ${server().template}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== TEMPLATE_BUSY || attempt >= 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return urlOf(name);
}
