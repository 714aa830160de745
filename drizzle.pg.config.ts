// drizzle-kit reads this to generate the Postgres migrations: `npm run db:generate:pg -- --name <what>`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './adapters/storage/postgres/schema*.ts',
  out: './adapters/storage/postgres/migrations',
});
