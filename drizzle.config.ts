import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate` writes the trading-app's migrations from its one schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/trading-app/store/schema.ts',
  out: './src/trading-app/store/migrations',
});
