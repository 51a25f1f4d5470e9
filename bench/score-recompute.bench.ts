// A full recompute of every score and rank of the shipped framework for a year (the engine: read the
// current cells, roll up, reduce each month series, apply each rule, add appraised points, rank within
// each kind) against ONE hand-written SQL query computing the same scores and ranks, in the same run
// on the same database. The two results are compared unit by unit (score, max, rank) and the bench
// fails when they differ. The criteria enter the query as a VALUES list read from the framework file
// (data, not logic). The engine's reference path (every current cell read into JS and reduced there,
// as before the reduction moved into SQL) is timed alongside and must give deeply equal results.
// On PostgreSQL with DATABASE_URL or BENCH_DATABASE_URL (national scale, or BENCH_SCORE_SCALE=hanoi);
// otherwise the Hanoi scale on an in-memory PGlite.
import { sql } from 'kysely';
import { contextFor, type AppContext } from '../src/app-context.ts';
import { connectDatabase } from '../src/db/connect-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { criteriaOf, indicatorsOf, type Framework } from '../src/domain/scoring/framework.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../src/domain/scoring/load-framework.ts';
import { computeScores, type ComputedScores } from '../src/use-cases/scores/compute-scores.ts';
import { durations, percentile, type Benchmark, type BenchResult } from './harness.ts';
import { benchServerUrl, createScoredCity, HANOI, NATIONAL, type Scale } from './scoring-fixture.ts';

const RUNS = Number(process.env.BENCH_SCORE_RUNS ?? 3);

interface SqlRow {
  code: string;
  kind: string;
  score: number;
  max: number;
  rank: number;
}

function handWrittenQuery(framework: Framework, period: { start: string; end: string; code: string }) {
  const lits = (xs: readonly string[]) => sql`array[${sql.join(xs.map((x) => sql`${x}::text`))}]::text[]`;
  const crit = criteriaOf(framework).map(({ criterion: c, group, groupKinds }) => {
    let kinds: string[] | null = groupKinds;
    if (c.appliesTo) kinds = kinds ? kinds.filter((k) => c.appliesTo?.includes(k)) : c.appliesTo;
    const measured = c.rule !== 'assessed';
    return sql`(${c.id}::text, ${group}::text, ${c.rule}::text, ${measured && 'indicator' in c ? c.indicator : null}::text,
      ${measured ? c.over : null}::text, ${c.rule === 'ratio' || c.rule === 'threshold' ? c.goal : null}::float8,
      ${c.rule === 'threshold' ? c.op : null}::text, ${'direction' in c ? (c.direction ?? null) : null}::text, ${c.max}::float8,
      ${kinds ? lits(kinds) : sql`null::text[]`})`;
  });
  const steps = criteriaOf(framework).flatMap(({ criterion: c }) => (c.rule === 'steps' ? c.steps.map((s) => sql`(${c.id}::text, ${s.at}::float8, ${s.points}::float8)`) : []));
  if (steps.length === 0) steps.push(sql`(null::text, 0::float8, 0::float8)`);
  return sql<SqlRow>`
    with crit(id, grp, rule, indicator, over, goal, op, dir, max, kinds) as (values ${sql.join(crit)}),
    steps(id, at, points) as (values ${sql.join(steps)}),
    cells as (
      select distinct on (o.indicator_id, o.unit_id, o.period) o.indicator_id, o.unit_id, o.period, o.value::float8 as value
      from observations o
      where o.period ~ '^[0-9]{4}-[0-9]{2}$' and o.period_start >= ${period.start}::date and o.period_end <= ${period.end}::date
      order by o.indicator_id, o.unit_id, o.period, o.version desc
    ),
    reduced as (
      select c.id as crit, cl.unit_id, i.direction,
        case c.over
          when 'sum' then sum(cl.value) when 'mean' then avg(cl.value) when 'max' then max(cl.value) when 'min' then min(cl.value)
          else (array_agg(cl.value order by cl.period desc))[1] end as v
      from crit c join indicators i on i.code = c.indicator join cells cl on cl.indicator_id = i.id and cl.value is not null
      group by c.id, c.over, cl.unit_id, i.direction
    ),
    appraised as (
      select distinct on (unit_id, criterion) unit_id, criterion, points::float8 as points
      from score_assessments where framework_code = ${framework.code} and period = ${period.code} and kind = 'appraised'
      order by unit_id, criterion, id desc
    ),
    scored as (
      select id, code, kind from units
      where kind = any(${lits(framework.unitKinds)})
        and (valid_from is null or valid_from <= ${period.end}::date) and (valid_to is null or valid_to >= ${period.end}::date)
    ),
    points as (
      select u.id as unit_id, u.code, u.kind, c.max, (c.kinds is null or u.kind = any(c.kinds)) as applicable,
        floor(100 * (case c.rule
          when 'ratio' then case
            when r.v is null then 0
            when coalesce(c.dir, r.direction) = 'up' then least(c.max, greatest(0, (case when c.goal <= 0 then (case when r.v >= c.goal then 1 else 0 end) else r.v / c.goal end) * c.max))
            else least(c.max, greatest(0, (case when r.v <= 0 then 1 else c.goal / r.v end) * c.max)) end
          when 'threshold' then case
            when r.v is null then 0
            when (c.op = '>=' and r.v >= c.goal - 1e-9) or (c.op = '>' and r.v > c.goal + 1e-9) or (c.op = '<=' and r.v <= c.goal + 1e-9)
              or (c.op = '<' and r.v < c.goal - 1e-9) or (c.op = '=' and abs(r.v - c.goal) <= 1e-9 * greatest(1, abs(c.goal))) then c.max
            else 0 end
          when 'steps' then least(c.max, greatest(0, coalesce((
            select s.points from steps s
            where s.id = c.id and case when coalesce(c.dir, r.direction) = 'up' then r.v >= s.at - 1e-9 else r.v <= s.at + 1e-9 end
            order by case when coalesce(c.dir, r.direction) = 'up' then s.at else -s.at end desc limit 1), 0)))
          else least(c.max, greatest(0, coalesce(a.points, 0))) end) + 0.5) / 100 as pts
      from scored u cross join crit c
      left join reduced r on r.crit = c.id and r.unit_id = u.id
      left join appraised a on a.unit_id = u.id and a.criterion = c.id
    ),
    totals as (
      select code, kind, floor(100 * coalesce(sum(pts) filter (where applicable), 0) + 0.5) / 100 as score,
             coalesce(sum(max) filter (where applicable), 0) as max
      from points group by unit_id, code, kind
    )
    select code, kind, score, max,
      rank() over (partition by kind order by case when max > 0 then floor(score / max * 1e6 + 0.5) / 1e6 else -1 end desc)::int as rank
    from totals`;
}

/**
 * A Hanoi-scale city in an in-memory PGlite, generated like `createScoredCity` (same units, indicators,
 * three years of monthly figures and appraised points; no targets, which scoring does not read).
 */
async function createPgliteCity(scale: Scale): Promise<{ ctx: AppContext; framework: Framework; observations: number; drop(): Promise<void> }> {
  const handle = await connectDatabase({ dataDir: null });
  await migrateToLatest(handle.db);
  const ctx = contextFor(handle, () => new Date('2026-06-20T00:00:00Z'));
  const framework = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
  const db = ctx.db;
  const root = await db.insertInto('units').values({ code: 'ROOT', name: 'Gốc', kind: 'city', parent_id: null }).returning('id').executeTakeFirstOrThrow();
  const parents: number[] = scale.provinces === 0 ? [root.id] : [];
  for (let p = 0; p < scale.provinces; p++) {
    parents.push((await db.insertInto('units').values({ code: `T${p}`, name: `Tỉnh ${p}`, kind: 'province', parent_id: root.id }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const unitRows = parents.flatMap((parent, p) => Array.from({ length: scale.communesPerProvince }, (_, c) => ({ code: `X${p}_${c}`, name: `Xã ${p}-${c}`, kind: 'commune', parent_id: parent })));
  for (let a = 0; a < scale.agencies; a++) unitRows.push({ code: `SO${a}`, name: `Sở ${a}`, kind: 'agency', parent_id: root.id });
  for (let i = 0; i < unitRows.length; i += 1000) await db.insertInto('units').values(unitRows.slice(i, i + 1000)).execute();
  const declared = new Map(framework.indicators.map((i) => [i.code, i]));
  for (const code of indicatorsOf(framework)) {
    const d = declared.get(code);
    await db.insertInto('indicators').values({
      code, name: d?.name ?? code, measure: d?.measure ?? '%',
      direction: d?.direction ?? (code.includes('TRE_HAN') ? 'down' : 'up'),
      aggregation: d?.aggregation === 'ratio' ? 'mean' : (d?.aggregation ?? 'mean'),
    }).execute();
  }
  await sql`
    insert into observations (indicator_id, unit_id, period, period_start, period_end, version, value, origin, source, actor)
    select i.id, u.id, to_char(m, 'YYYY-MM'), m::date, (m + interval '1 month - 1 day')::date, 1,
           case when i.measure = '%' then (abs(hashtext(u.code || i.code || m::text)) % 10000) / 100.0
                else abs(hashtext(u.code || i.code || m::text)) % 6 end,
           'system', 'bench', 'bench'
    from units u cross join indicators i cross join generate_series('2024-01-01'::date, '2026-12-01'::date, interval '1 month') m
    where u.kind in ('commune', 'agency')`.execute(db);
  const observations = Number((await sql<{ n: number }>`select count(*)::int as n from observations`.execute(db)).rows[0]?.n ?? 0);
  const scored = await db.selectFrom('units').select(['id']).where('kind', 'in', ['commune', 'agency']).orderBy('id').execute();
  const assessments = [];
  for (const [n, u] of scored.entries()) {
    if (n % 2) continue;
    for (const { criterion } of criteriaOf(framework).filter((c) => c.criterion.rule === 'assessed')) {
      assessments.push({ framework_code: framework.code, criterion: criterion.id, unit_id: u.id, period: '2026', kind: 'appraised' as const, points: n % (criterion.max + 1), evidence_url: 'bb.pdf', actor: 'bench' });
    }
  }
  for (let i = 0; i < assessments.length; i += 1000) await db.insertInto('score_assessments').values(assessments.slice(i, i + 1000)).execute();
  return { ctx, framework, observations, drop: () => handle.close() };
}

async function measure(city: { ctx: AppContext; framework: Framework; observations: number }, label: string): Promise<BenchResult> {
  await sql`analyze`.execute(city.ctx.db);
  const period = { code: '2026', start: '2026-01-01', end: '2026-12-31' };
  const query = handWrittenQuery(city.framework, period);
  let ours: ComputedScores | null = null;
  let reference: ComputedScores | null = null;
  let theirs: SqlRow[] = [];
  // Alternate the three so that load on the shared machine hits them alike.
  const oursMs: number[] = [];
  const sqlMs: number[] = [];
  const referenceMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    referenceMs.push(...(await durations(async () => {
      reference = await computeScores(city.ctx, { framework: city.framework, period: '2026' }, { referenceInputs: true });
    }, 1)));
    oursMs.push(...(await durations(async () => {
      ours = await computeScores(city.ctx, { framework: city.framework, period: '2026' });
    }, 1)));
    sqlMs.push(...(await durations(async () => {
      theirs = (await query.execute(city.ctx.db)).rows;
    }, 1)));
  }
  if (JSON.stringify(ours) !== JSON.stringify(reference)) throw new Error('the SQL input path and the reference path disagree');
  const mine = new Map((ours as ComputedScores | null)?.ranking.map((r) => [r.unit, r]) ?? []);
  const mismatches = theirs.filter((t) => {
    const m = mine.get(t.code);
    return !m || Math.abs(m.score - t.score) > 0.0051 || m.max !== t.max || m.rank !== t.rank;
  });
  if (mismatches.length || theirs.length !== mine.size) {
    const sample = mismatches.slice(0, 3).map((t) => ({ sql: t, ours: mine.get(t.code) && { score: mine.get(t.code)?.score, max: mine.get(t.code)?.max, rank: mine.get(t.code)?.rank } }));
    throw new Error(`engine and SQL disagree on ${mismatches.length} of ${theirs.length} units (engine scored ${mine.size}): ${JSON.stringify(sample)}`);
  }
  return {
    name: `full recompute of scores and ranks, ${label}, median`,
    value: percentile(oursMs, 50),
    unit: 'ms',
    baselineName: 'one hand-written SQL query, median',
    baselineValue: percentile(sqlMs, 50),
    higherIsBetter: false,
    notes: {
      'reference path (all cells into JS), median': percentile(referenceMs, 50),
      'reference path ÷ SQL query': percentile(referenceMs, 50) / percentile(sqlMs, 50),
      'units scored': theirs.length,
      'results equal': 'yes (score, max, rank of every unit; engine deeply equal to its reference path)',
      runs: RUNS,
      observations: city.observations,
      'aim ≤ 2×': percentile(oursMs, 50) <= 2 * percentile(sqlMs, 50) ? 'yes' : 'NO',
    },
  };
}

const bench: Benchmark = {
  title: 'Full recompute of all scores and ranks vs one hand-written SQL query (PostgreSQL, or Hanoi scale on PGlite)',
  async run(): Promise<BenchResult[]> {
    const serverUrl = benchServerUrl();
    if (!serverUrl) {
      // Without a server: the Hanoi scale on an in-memory PGlite (the national scale would not fit its memory well).
      const city = await createPgliteCity(HANOI);
      try {
        return [await measure(city, `${HANOI.name}, PGlite`)];
      } finally {
        await city.drop();
      }
    }
    const scale = process.env.BENCH_SCORE_SCALE === 'hanoi' ? HANOI : NATIONAL;
    const city = await createScoredCity(serverUrl, scale);
    try {
      return [await measure(city, `${scale.name}, PostgreSQL`)];
    } finally {
      await city.drop();
    }
  },
};

export default bench;
