import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect-database.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { listJobs } from '../repositories/jobs.repository.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { seedObservationFixtures } from '../testing/observation-fixtures.ts';
import { parseConnectorsConfig } from './connector-config.ts';
import { connectorJobKind, connectorPullJobs } from './scheduler.ts';

describe(`connector pulls through the job runner on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let other: DatabaseHandle;
  let clock = new Date('2026-04-01T00:10:00Z');
  let pulls = 0;
  // A source system that answers slowly enough for both instances to be pulling at once, if they could.
  const source = createServer((_req, res) => {
    pulls++;
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ u: 'P_VT', k: '2026-Q1', v: 41 }])), 150);
  });
  let port = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    // The second instance: its own connection pool to the same database (PGlite has one in-process handle).
    other = database.url ? await connectDatabase({ url: database.url }) : database;
    await seedObservationFixtures(contextFor(database, () => clock));
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    port = (source.address() as AddressInfo).port;
  });
  afterAll(async () => {
    source.close();
    if (other !== database) await other.close();
    await database.close();
  });

  it('pulls a connector once per schedule slot however many instances run a job runner', async () => {
    const config = parseConnectorsConfig({
      connectors: [{ name: 'nguon-a', url: `http://127.0.0.1:${port}/a`, format: 'json', schedule: 'every 1h', timeout: '5s', fields: { indicator: '=DN_SO', unit: 'u', period: 'k', value: 'v' } }],
    }, {});
    const ran: string[] = [];
    const instance = (handle: DatabaseHandle, name: string): { runner: JobRunner; ctx: AppContext } => {
      const ctx = contextFor(handle, () => clock);
      const { handlers, recurring } = connectorPullJobs(config, { onRun: (r) => ran.push(`${name}:${r.status}`) });
      return { ctx, runner: new JobRunner(ctx, handlers, { workerId: name, recurring }) };
    };
    const a = instance(database, 'a');
    const b = instance(other, 'b');

    await Promise.all([a.runner.runDue(), b.runner.runDue(), a.runner.runDue(), b.runner.runDue()]);
    expect(pulls).toBe(1);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatch(/^[ab]:ok$/);

    // Later within the same hour: the slot has run, nothing pulls again.
    clock = new Date('2026-04-01T00:50:00Z');
    await Promise.all([a.runner.runDue(), b.runner.runDue()]);
    expect(pulls).toBe(1);

    // The next hour is the next slot: one more pull, by one instance.
    clock = new Date('2026-04-01T01:00:05Z');
    await Promise.all([b.runner.runDue(), a.runner.runDue()]);
    expect(pulls).toBe(2);
    expect(ran).toHaveLength(2);
    const done = await listJobs(database.db, { kind: connectorJobKind('nguon-a'), state: 'done' });
    expect(done.map((j) => j.runAt.toISOString()).sort()).toEqual(['2026-04-01T00:00:00.000Z', '2026-04-01T01:00:00.000Z']);
  });
});
