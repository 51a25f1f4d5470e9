import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../app-context.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { importUnits } from '../../use-cases/units/import-units.ts';
import { seedDemoIfEmpty } from './seed-demo-if-empty.ts';

describe(`the demo's "empty database" on ${testEngine}`, () => {
  const database = createTestDatabase();
  afterAll(async () => (await database).close());

  it('leaves a database with its own registry alone (only the built-in one, loaded on first use, counts as empty)', async () => {
    const ctx = contextFor(await database);
    await importUnits(ctx, { content: 'code,name,kind,parent,aliases,valid_from,valid_to,successors\nDN,Thành phố Đà Nẵng,city,,,,,\n', format: 'csv' });
    await seedDemoIfEmpty(ctx);
    const units = await ctx.db.selectFrom('units').select('code').execute();
    expect(units.map((u) => u.code)).toEqual(['DN']);
    expect(await ctx.db.selectFrom('plans').select('id').execute()).toEqual([]);
    expect(await ctx.db.selectFrom('indicators').select('id').execute()).toEqual([]);
  });
});
