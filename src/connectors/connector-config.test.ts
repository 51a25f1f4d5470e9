import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.ts';
import { parseConnectorsConfig, parseDuration, parseSchedule, redact } from './connector-config.ts';
import { rowsFromSource, valueAt } from './field-mapping.ts';

const base = { name: 'dvc', url: 'https://dvc.example/api?key=${KEY}', format: 'json', schedule: 'every 1h', fields: { indicator: '=DVC', unit: 'u', period: 'p', value: 'v' } };

describe('connector configuration', () => {
  it('substitutes secrets from the environment and remembers them for redaction', () => {
    const [c] = parseConnectorsConfig({ connectors: [{ ...base, headers: { Authorization: 'Bearer ${TOKEN}' } }] }, { KEY: 'k1', TOKEN: 't0k' }).connectors;
    expect(c).toMatchObject({ url: 'https://dvc.example/api?key=k1', headers: { Authorization: 'Bearer t0k' }, everyMinutes: 60, timeoutMs: 30_000, source: 'dvc', secrets: ['k1', 't0k'] });
    expect(c?.fields.indicator).toEqual({ const: 'DVC' });
  });

  it('names every wrong field of every connector, and a missing variable without its value', () => {
    const error = (() => {
      try {
        parseConnectorsConfig({ connectors: [{ ...base, url: 'ftp://x', schedule: 'sometimes' }, { ...base, format: 'xml', fields: { unit: 'u' } }] }, {});
      } catch (e) {
        return e as InputError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error?.problems.map((p) => p.field)).toEqual([
      'connectors[0].url', 'connectors[0].schedule',
      'connectors[1].name', 'connectors[1].url', 'connectors[1].format', 'connectors[1].fields.indicator', 'connectors[1].fields.period', 'connectors[1].fields.value',
    ]);
  });

  it('reads schedules and durations', () => {
    expect([parseSchedule('every 15m'), parseSchedule('every 2h'), parseSchedule('1d'), parseSchedule(30), parseSchedule('hourly')]).toEqual([15, 120, 1440, 30, null]);
    expect([parseDuration('10s'), parseDuration('500ms'), parseDuration(250), parseDuration('soon')]).toEqual([10_000, 500, 250, null]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => parseSchedule(`every ${n}m`) === n && parseSchedule(`every ${n}h`) === n * 60));
  });

  it('redacts every occurrence of every secret', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.array(fc.string(), { maxLength: 5 }), (secrets, parts) => {
        const text = parts.map((p, i) => `${p}${secrets[i % secrets.length]}`).join('');
        const out = redact(text, secrets);
        for (const s of secrets) if (!'***'.includes(s)) expect(out).not.toContain(s);
      }),
    );
  });
});

describe('field mapping', () => {
  it('maps JSON rows by path and CSV rows by column, with constants', () => {
    const json = rowsFromSource('{"d":{"rows":[{"u":"U1","k":{"p":"2026-03"},"v":7}]}}', { format: 'json', rows: 'd.rows', fields: { indicator: { const: 'X' }, unit: { path: 'u' }, period: { path: 'k.p' }, value: { path: 'v' } } });
    expect(json).toEqual([{ indicator: 'X', unit: 'U1', period: '2026-03', value: 7 }]);
    const csv = rowsFromSource('Don_vi,Ky,GT\nU1,2026,5\n', { format: 'csv', rows: '', fields: { indicator: { const: 'X' }, unit: { path: 'Don_vi' }, period: { path: 'Ky' }, value: { path: 'GT' } } });
    expect(csv).toEqual([{ indicator: 'X', unit: 'U1', period: '2026', value: '5' }]);
  });

  it('refuses garbage with an InputError, never a crash', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom<'json' | 'csv'>('json', 'csv'), (body, format) => {
        try {
          rowsFromSource(body, { format, rows: 'data', fields: { indicator: { path: 'a' }, unit: { path: 'b' }, period: { path: 'c' }, value: { path: 'd' } } });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
    expect(valueAt({ a: [{ b: 1 }] }, 'a.0.b', false)).toBe(1);
  });
});
