// drizzle-kit reads this to generate SQL migrations from the schema: `npm run db:generate -- --name <what>`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './adapters/storage/schema.ts',
  out: './adapters/storage/migrations',
});
