import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { parseConnectorsConfig, type ConnectorDefinition } from '../../connectors/connector-config.ts';
import { connectorPullJobs } from '../../connectors/scheduler.ts';
import { JobRunner } from '../../jobs/job-runner.ts';
import { listObservations } from '../../repositories/observations.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { seedObservationFixtures } from '../../testing/observation-fixtures.ts';
import { listConnectorStatus } from './list-connector-status.ts';
import { runConnector } from './run-connector.ts';

const SECRET = 'sk-very-secret-42';
const textMatching = (re: RegExp) => expect.stringMatching(re) as unknown as string;

/** A source system on a real local port, whose behaviour each test sets. */
function startSource() {
  const state: { mode: 'json' | 'csv' | 'slow' | 'garbage' | 'unauthorized'; seenAuth: string[] } = { mode: 'json', seenAuth: [] };
  const server: Server = createServer((req, res) => {
    state.seenAuth.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      res.writeHead(401).end(`bad token ${req.headers.authorization ?? ''}`);
      return;
    }
    switch (state.mode) {
      case 'json':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { items: [
          { maDv: 'P_VT', ky: '2026-03', tu: 45, mau: 50 },
          { maDv: 'P_HK', ky: '2026-03', tu: 30, mau: 40 },
        ] } }));
        return;
      case 'csv':
        res.writeHead(200, { 'content-type': 'text/csv' }).end('Chi_so,Don_vi,Ky,Gia_tri\nDN_SO,P_VT,2026-Q1,120\nDN_SO,P_HK,2026-Q1,80\n');
        return;
      case 'slow':
        setTimeout(() => res.writeHead(200).end('[]'), 2_000);
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('<html>Bảo trì hệ thống</html>');
        return;
      case 'unauthorized':
        res.writeHead(401).end('nope');
        return;
    }
  });
  return { state, server, ready: new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))) };
}

describe(`connectors on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let clock = new Date('2026-04-01T00:00:00Z');
  const source = startSource();
  let json: ConnectorDefinition;
  let csv: ConnectorDefinition;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = { ...contextFor(database), now: () => clock };
    await seedObservationFixtures(ctx);
    const port = await source.ready;
    const config = parseConnectorsConfig(
      {
        connectors: [
          {
            name: 'dvc', url: `http://127.0.0.1:${port}/stats`, format: 'json', schedule: 'every 1h', timeout: '500ms',
            headers: { Authorization: 'Bearer ${DVC_TOKEN}' }, rows: 'data.items',
            fields: { indicator: '=DVC_TT', unit: 'maDv', period: 'ky', numerator: 'tu', denominator: 'mau' },
          },
          {
            name: 'hanoiwork', url: `http://127.0.0.1:${port}/dn.csv`, format: 'csv', schedule: 30, timeout: 500,
            headers: { Authorization: 'Bearer ${DVC_TOKEN}' },
            fields: { indicator: 'Chi_so', unit: 'Don_vi', period: 'Ky', value: 'Gia_tri' },
          },
        ],
      },
      { DVC_TOKEN: SECRET },
    );
    [json, csv] = config.connectors as [ConnectorDefinition, ConnectorDefinition];
  });
  afterAll(async () => {
    source.server.close();
    await database.close();
  });

  const status = async (name: string) => (await listConnectorStatus(ctx, { connectors: [json, csv] })).find((s) => s.name === name);

  it('pulls JSON with mapped fields and auth headers from the environment', async () => {
    source.state.mode = 'json';
    const result = await runConnector(ctx, json);
    expect(result).toEqual({ name: 'dvc', status: 'ok', rows: 2, imported: 2, updated: 0, unchanged: 0 });
    expect(source.state.seenAuth.at(-1)).toBe(`Bearer ${SECRET}`);
    const rows = await listObservations(ctx.db, { indicator: 'DVC_TT', history: true, unitIds: 'all', includeClassified: true, fromDate: '2026-03-01', toDate: '2026-03-31' });
    expect(rows.map((r) => `${r.unit} ${r.value} ${r.origin} ${r.source} ${r.actor}`)).toEqual(['P_HK 75 connector dvc connector:dvc', 'P_VT 90 connector dvc connector:dvc']);
    expect(await status('dvc')).toMatchObject({ lastSuccessAt: clock.toISOString(), lastError: null, rows: 2, imported: 2, stale: false, expectedFrequency: 'monthly' });
  });

  it('pulls CSV by column names; a repeated pull stores nothing new', async () => {
    source.state.mode = 'csv';
    expect(await runConnector(ctx, csv)).toMatchObject({ status: 'ok', rows: 2, imported: 2 });
    expect(await runConnector(ctx, csv)).toMatchObject({ status: 'ok', rows: 2, imported: 0, unchanged: 2 });
    expect(await status('hanoiwork')).toMatchObject({ indicators: ['DN_SO'], expectedFrequency: 'quarterly', stale: false });
  });

  it('records a timeout, then garbage, then recovers; staleness follows the indicator frequency', async () => {
    clock = new Date('2026-05-15T00:00:00Z');
    source.state.mode = 'slow';
    const timedOut = await runConnector(ctx, json);
    expect(timedOut).toMatchObject({ status: 'error', error: textMatching(/^Hết thời gian chờ sau 500 ms$/) });
    // 44 days after the last success of a monthly indicator: stale.
    expect(await status('dvc')).toMatchObject({ lastError: textMatching(/Hết thời gian chờ/), lastErrorAt: clock.toISOString(), stale: true, lastSuccessAt: '2026-04-01T00:00:00.000Z' });

    source.state.mode = 'garbage';
    const garbage = await runConnector(ctx, json);
    expect(garbage).toMatchObject({ status: 'error', error: textMatching(/JSON/) });
    expect((await status('dvc'))?.lastError).toMatch(/JSON/);

    source.state.mode = 'json';
    clock = new Date('2026-05-15T01:00:00Z');
    expect(await runConnector(ctx, json)).toMatchObject({ status: 'ok', rows: 2, unchanged: 2 });
    expect(await status('dvc')).toMatchObject({ lastError: null, lastSuccessAt: clock.toISOString(), lastErrorAt: '2026-05-15T00:00:00.000Z', stale: false });
  });

  it('never shows the secret in errors or status', async () => {
    source.state.mode = 'json';
    const wrong = { ...json, headers: { Authorization: 'Bearer wrong-secret-99' }, secrets: ['wrong-secret-99'] };
    const result = await runConnector(ctx, wrong);
    expect(result.status).toBe('error');
    const text = JSON.stringify([result, await listConnectorStatus(ctx, { connectors: [json, csv] })]);
    expect(text).toContain('HTTP 401');
    expect(text).not.toContain('wrong-secret-99');
    expect(text).not.toContain(SECRET);
  });

  it('maps rows that fail validation into an error naming the row and field', async () => {
    const broken = { ...csv, fields: { ...csv.fields, unit: { const: 'P_UNKNOWN' } } };
    source.state.mode = 'csv';
    const result = await runConnector(ctx, broken);
    expect(result).toMatchObject({ status: 'error', error: textMatching(/row 0, field "unit"/) });
  });

  it('runs at most one pull of a connector at a time, and the job runner runs due connectors', async () => {
    source.state.mode = 'slow';
    const slow = { ...json, timeoutMs: 1_500 };
    const [a, b] = await Promise.all([runConnector(ctx, slow), runConnector(ctx, slow)]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'error']);

    source.state.mode = 'json';
    clock = new Date('2026-06-01T00:00:00Z');
    const runs: string[] = [];
    const { handlers, recurring } = connectorPullJobs({ connectors: [json] }, { onRun: (r) => runs.push(`${r.name}:${r.status}`) });
    const runner = new JobRunner(ctx, handlers, { workerId: 'connectors', recurring });
    await runner.runDue();
    expect(runs).toContain('dvc:ok');
    // Not due again within the hour: the clock has not moved, and the slot has run.
    await runner.runDue();
    expect(runs).toEqual(['dvc:ok']);
  });
});
