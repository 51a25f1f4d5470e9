// Unit name resolution: names per second over a realistic mix of spellings, against a plain
// exact-match Map lookup of the same strings in the same run (the Map finds only exact spellings).
import { foldVietnamese } from '../src/domain/units/normalize-unit-name.ts';
import { UnitResolver } from '../src/domain/units/unit-resolver.ts';
import type { RegistryUnit } from '../src/domain/units/unit.ts';
import { loadBuiltInRegistry } from '../src/registry/hanoi.ts';
import { opsPerSecond, type Benchmark } from './harness.ts';

interface Probe {
  name: string;
  /** The unit a person means by it; null for collective names. */
  expected: string | null;
}

/** Deterministic spelling variants: as written, upper case, unaccented, one typo, abbreviations. */
function probesFor(units: RegistryUnit[]): Probe[] {
  const probes: Probe[] = [];
  units.forEach((u, i) => {
    const expected = u.code;
    for (const name of [u.name, ...u.aliases]) probes.push({ name, expected });
    probes.push({ name: u.name.toUpperCase(), expected });
    probes.push({ name: foldVietnamese(u.name), expected });
    if (u.name.length > 12) {
      const at = 4 + (i % (u.name.length - 8));
      probes.push({ name: `${u.name.slice(0, at)}${u.name.slice(at + 1)}`, expected });
    }
    const abbreviated = u.name.replace(/Ủy ban nhân dân/g, 'UBND').replace(/Hội đồng nhân dân/g, 'HĐND').replace(/ và /g, ' & ').replace(/thành phố/gi, 'TP');
    if (abbreviated !== u.name) probes.push({ name: abbreviated, expected });
  });
  for (const name of ['Sở, ban, ngành', 'UBND cấp xã', 'Các phòng, ban, đơn vị liên quan', 'các cơ quan, đơn vị', 'Các trường học']) {
    probes.push({ name, expected: null });
  }
  probes.push({ name: 'Văn phòng HỘND&UBND phường', expected: 'HN_P_VINH_TUY_VP' });
  probes.push({ name: 'Phòng Văn hoá – Xã hội', expected: 'HN_P_VINH_TUY_VHXH' });
  return probes;
}

const bench: Benchmark = {
  title: 'Unit name resolution (built-in Hanoi registry)',
  async run() {
    const units = loadBuiltInRegistry();
    const probes = probesFor(units);
    const resolver = new UnitResolver(units);
    const exact = new Map<string, string>();
    for (const u of units) for (const name of [u.name, ...u.aliases]) exact.set(name, u.code);

    let sink = 0;
    const resolverCalls = await opsPerSecond(() => {
      for (const p of probes) sink += resolver.resolve(p.name, { within: 'HN_P_VINH_TUY' }).matches.length;
    }, 2000);
    const mapCalls = await opsPerSecond(() => {
      for (const p of probes) sink += exact.has(p.name) ? 1 : 0;
    }, 500);

    const right = (found: (p: Probe) => boolean) => probes.filter((p) => p.expected !== null).filter(found).length;
    const single = probes.filter((p) => p.expected !== null).length;
    const resolverRight = right((p) => resolver.resolve(p.name, { within: 'HN_P_VINH_TUY' }).matches[0]?.code === p.expected);
    const mapRight = right((p) => exact.get(p.name) === p.expected);
    return [
      {
        name: 'UnitResolver.resolve',
        value: resolverCalls * probes.length,
        unit: 'names/s',
        baselineName: 'exact-match Map.get',
        baselineValue: mapCalls * probes.length,
        higherIsBetter: true,
        notes: {
          'names in the mix': probes.length,
          'units in the registry': units.length,
          'right unit first, resolver': `${resolverRight}/${single} (${((100 * resolverRight) / single).toFixed(1)}%)`,
          'right unit, exact Map': `${mapRight}/${single} (${((100 * mapRight) / single).toFixed(1)}%)`,
          sink: sink % 7,
        },
      },
    ];
  },
};

export default bench;
