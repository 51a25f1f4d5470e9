// A scored city for the scoring and real-time benches: units at Hanoi or national scale, the shipped
// framework's indicators, three years of monthly observations (own figures for every scored unit),
// targets and appraised points. Bulk rows are generated inside PostgreSQL (insert … select from
// generate_series), since building them in JS would dominate the set-up time.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { contextFor, type AppContext } from '../src/app-context.ts';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { criteriaOf, indicatorsOf, type Framework } from '../src/domain/scoring/framework.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../src/domain/scoring/load-framework.ts';

export interface Scale {
  name: string;
  provinces: number;
  communesPerProvince: number;
  agencies: number;
  targets: number;
}

export const HANOI: Scale = { name: 'Hanoi (≈160 units)', provinces: 0, communesPerProvince: 126, agencies: 33, targets: 300 };
export const NATIONAL: Scale = { name: 'national (≈3,400 units)', provinces: 34, communesPerProvince: 98, agencies: 34, targets: 3_000 };

export function benchServerUrl(): string | null {
  return process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface ScoredCity {
  handle: DatabaseHandle;
  ctx: AppContext;
  framework: Framework;
  communes: string[];
  units: number;
  observations: number;
  drop(): Promise<void>;
}

/** Creates a scratch database on the bench server and fills it; `drop()` removes it. */
export async function createScoredCity(serverUrl: string, scale: Scale, now = new Date('2026-06-20T00:00:00Z')): Promise<ScoredCity> {
  const name = `theodoi_bench_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ url: url.toString() });
  await migrateToLatest(handle.db);
  const ctx = contextFor(handle, () => now);
  const framework = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
  const db = ctx.db;

  const root = await db.insertInto('units').values({ code: 'ROOT', name: 'Gốc', kind: 'city', parent_id: null }).returning('id').executeTakeFirstOrThrow();
  const communes: string[] = [];
  const parents: number[] = [];
  if (scale.provinces === 0) parents.push(root.id);
  for (let p = 0; p < scale.provinces; p++) {
    const row = await db.insertInto('units').values({ code: `T${p}`, name: `Tỉnh ${p}`, kind: 'province', parent_id: root.id }).returning('id').executeTakeFirstOrThrow();
    parents.push(row.id);
  }
  const unitRows: { code: string; name: string; kind: string; parent_id: number }[] = [];
  parents.forEach((parent, p) => {
    for (let c = 0; c < scale.communesPerProvince; c++) {
      const code = `X${p}_${c}`;
      communes.push(code);
      unitRows.push({ code, name: `Xã ${p}-${c}`, kind: 'commune', parent_id: parent });
    }
  });
  for (let a = 0; a < scale.agencies; a++) unitRows.push({ code: `SO${a}`, name: `Sở ${a}`, kind: 'agency', parent_id: root.id });
  for (let i = 0; i < unitRows.length; i += 1000) await db.insertInto('units').values(unitRows.slice(i, i + 1000)).execute();

  const declared = new Map(framework.indicators.map((i) => [i.code, i]));
  for (const code of indicatorsOf(framework)) {
    const d = declared.get(code);
    await db
      .insertInto('indicators')
      .values({
        code, name: d?.name ?? code, measure: d?.measure ?? '%',
        direction: d?.direction ?? (code.includes('TRE_HAN') ? 'down' : 'up'),
        aggregation: d?.aggregation === 'ratio' ? 'mean' : (d?.aggregation ?? 'mean'),
      })
      .execute();
  }
  // Counts (news items, incidents) are small integers; percentages spread over 0–100.
  await sql`
    insert into observations (indicator_id, unit_id, period, period_start, period_end, version, value, origin, source, actor)
    select i.id, u.id, to_char(m, 'YYYY-MM'), m::date, (m + interval '1 month - 1 day')::date, 1,
           case when i.measure = '%' then (abs(hashtext(u.code || i.code || m::text)) % 10000) / 100.0
                else abs(hashtext(u.code || i.code || m::text)) % 6 end,
           'system', 'bench', 'bench'
    from units u cross join indicators i cross join generate_series('2024-01-01'::date, '2026-12-01'::date, interval '1 month') m
    where u.kind in ('commune', 'agency')`.execute(db);
  const observations = Number((await sql<{ n: number }>`select count(*)::int as n from observations`.execute(db)).rows[0]?.n ?? 0);

  const indicators = await db.selectFrom('indicators').select(['id', 'code']).where('measure', '=', '%').orderBy('id').execute();
  const scored = await db.selectFrom('units').select(['id', 'code']).where('kind', 'in', ['commune', 'agency']).orderBy('id').execute();
  const targets = [];
  for (let t = 0; t < scale.targets; t++) {
    const unit = scored[t % scored.length] as { id: number; code: string };
    const ind = indicators[t % indicators.length] as { id: number; code: string };
    targets.push({ code: `CT${t}`, indicator_id: ind.id, text: `Chỉ tiêu ${t}`, op: '>=' as const, value: 80, scope_unit_id: unit.id, due_on: '2026-12-31', start_on: '2026-01-01', baseline: 40 });
  }
  for (let i = 0; i < targets.length; i += 1000) await db.insertInto('targets').values(targets.slice(i, i + 1000)).execute();

  const assessed = criteriaOf(framework).filter((c) => c.criterion.rule === 'assessed');
  const assessments = [];
  for (const [n, u] of scored.entries()) {
    if (n % 2) continue;
    for (const { criterion } of assessed) {
      assessments.push({ framework_code: framework.code, criterion: criterion.id, unit_id: u.id, period: '2026', kind: 'appraised' as const, points: (n % (criterion.max + 1)), evidence_url: 'bb.pdf', actor: 'bench' });
    }
  }
  for (let i = 0; i < assessments.length; i += 1000) await db.insertInto('score_assessments').values(assessments.slice(i, i + 1000)).execute();
  // A server that gathered these rows over years has planner statistics (autovacuum keeps them); a
  // country loaded in one go has none until autovacuum comes round, and the plans chosen without them
  // are not those a real server runs.
  await sql`analyze`.execute(db);

  return {
    handle, ctx, framework, communes, units: unitRows.length + 1 + scale.provinces, observations,
    async drop() {
      await handle.close();
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
