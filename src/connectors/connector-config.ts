import { InputError, problem, type Problem } from '../domain/errors.ts';
import { isRecord } from '../domain/observations/observation-input.ts';
import { message, type Message } from '../domain/messages/message.ts';

/** Where a field of an observation comes from: a path/column of the source row, or a constant. */
export type FieldSource = { path: string } | { const: string | number };

export const MAPPED_FIELDS = ['indicator', 'unit', 'period', 'value', 'numerator', 'denominator', 'note', 'evidenceUrl'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** One source system endpoint to pull, as configured (secrets already substituted from the environment). */
export interface ConnectorDefinition {
  name: string;
  url: string;
  format: 'json' | 'csv';
  /** Minutes between runs. */
  everyMinutes: number;
  timeoutMs: number;
  /** The `source` written on every version; defaults to the connector's name. */
  source: string;
  headers: Record<string, string>;
  /** For JSON: dot path to the array of rows ("data.items"); empty means the document is the array. */
  rows: string;
  fields: Partial<Record<MappedField, FieldSource>>;
  /** Values substituted from the environment: never to appear in a log, an error or an answer. */
  secrets: string[];
}

export interface ConnectorsConfig {
  connectors: ConnectorDefinition[];
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Validates a connectors file (already parsed from YAML or JSON) and substitutes `${VAR}` in `url`
 * and `headers` from `env`. Every problem names the connector's position and field.
 *
 * @example
 * parseConnectorsConfig({ connectors: [{ name: 'dvc', url: 'https://dvc.example/api', format: 'json',
 *   schedule: 'every 1h', headers: { Authorization: 'Bearer ${DVC_TOKEN}' }, rows: 'data',
 *   fields: { indicator: { const: 'DVC_TT' }, unit: 'maDonVi', period: 'ky', value: 'giaTri' } }] },
 *   { DVC_TOKEN: 's3cret' });
 */
export function parseConnectorsConfig(raw: unknown, env: Readonly<Record<string, string | undefined>>): ConnectorsConfig {
  const problems: Problem[] = [];
  const list = isRecord(raw) ? raw.connectors : Array.isArray(raw) ? raw : undefined;
  if (!Array.isArray(list)) {
    throw new InputError(message('connector.config_needs_list'), [problem({ field: 'connectors' }, message('connector.must_list'))]);
  }
  const names = new Set<string>();
  const connectors: ConnectorDefinition[] = [];
  list.forEach((item, index) => {
    const at = (field: string) => `connectors[${index}].${field}`;
    const fail = (field: string, said: Message) => problems.push(problem({ index, field: at(field) }, said));
    if (!isRecord(item)) {
      fail('', message('score.must_object'));
      return;
    }
    const secrets: string[] = [];
    const substitute = (field: string, text: string) =>
      text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
        const value = env[name];
        if (value === undefined) {
          fail(field, message('connector.environment_variable_not_set', { name }));
          return '';
        }
        if (value !== '') secrets.push(value);
        return value;
      });

    const name = typeof item.name === 'string' ? item.name.trim() : '';
    if (!NAME.test(name)) fail('name', message('connector.name_may_hold_only_z'));
    else if (names.has(name)) fail('name', message('connector.duplicate_name', { name }));
    names.add(name);

    let url = '';
    if (typeof item.url !== 'string') fail('url', message('connector.url_required'));
    else {
      url = substitute('url', item.url);
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail('url', message('connector.only_http_s_urls'));
      } catch {
        fail('url', message('connector.invalid_url'));
      }
    }

    const format = item.format ?? 'json';
    if (format !== 'json' && format !== 'csv') fail('format', message('connector.must_json_or_csv'));

    const everyMinutes = parseSchedule(item.schedule ?? item.interval);
    if (everyMinutes === null) fail('schedule', message('connector.schedule_invalid'));

    const timeoutMs = item.timeout === undefined && item.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(item.timeoutMs ?? item.timeout);
    if (timeoutMs === null || timeoutMs <= 0 || timeoutMs > 600_000) fail('timeout', message('connector.timeout_between_ms_and_min'));

    const headers: Record<string, string> = {};
    if (item.headers !== undefined) {
      if (!isRecord(item.headers)) fail('headers', message('connector.must_map_names_to_values'));
      else
        for (const [header, value] of Object.entries(item.headers)) {
          if (typeof value !== 'string' && typeof value !== 'number') fail(`headers.${header}`, message('score.must_text'));
          else headers[header] = substitute(`headers.${header}`, String(value));
        }
    }

    const rows = item.rows === undefined ? '' : typeof item.rows === 'string' ? item.rows.trim() : null;
    if (rows === null) fail('rows', message('connector.must_path_such_as'));

    const fields: Partial<Record<MappedField, FieldSource>> = {};
    if (!isRecord(item.fields)) fail('fields', message('connector.fields_mapping_required'));
    else {
      for (const [field, spec] of Object.entries(item.fields)) {
        if (!(MAPPED_FIELDS as readonly string[]).includes(field)) {
          fail(`fields.${field}`, message('connector.unknown_field', { MAPPED_FIELDS: MAPPED_FIELDS.join(', ') }));
          continue;
        }
        const source = parseFieldSource(spec);
        if (!source) fail(`fields.${field}`, message('connector.must_path_or_const'));
        else fields[field as MappedField] = source;
      }
      for (const required of ['indicator', 'unit', 'period'] as const) if (!fields[required]) fail(`fields.${required}`, message('score.required'));
      if (!fields.value && !(fields.numerator && fields.denominator)) fail('fields.value', message('connector.value_or_numerator_and_denominator'));
    }

    const source = typeof item.source === 'string' && item.source.trim() ? item.source.trim() : name;
    if (problems.some((p) => p.index === index)) return;
    connectors.push({
      name, url, format: format as 'json' | 'csv', everyMinutes: everyMinutes as number, timeoutMs: timeoutMs as number,
      source, headers, rows: rows as string, fields, secrets,
    });
  });
  if (problems.length) throw new InputError(message('connector.invalid_connector_configuration'), problems);
  return { connectors };
}

/** "every 15m", "every 1h", "every 2d", "30m", or a number of minutes. */
export function parseSchedule(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input > 0 ? input : null;
  if (typeof input !== 'string') return null;
  const m = /^\s*(?:every\s+)?(\d+(?:\.\d+)?)\s*(m|min|minutes?|h|hours?|d|days?)?\s*$/i.exec(input);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'm').toLowerCase()[0];
  const minutes = unit === 'h' ? n * 60 : unit === 'd' ? n * 1440 : n;
  return minutes > 0 ? minutes : null;
}

/** "10s", "500ms", "2m", or a number of milliseconds. */
export function parseDuration(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (typeof input !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(input);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'ms').toLowerCase();
  return unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

function parseFieldSource(spec: unknown): FieldSource | null {
  if (typeof spec === 'string') {
    const text = spec.trim();
    if (text.startsWith('=')) return { const: text.slice(1) };
    return text ? { path: text } : null;
  }
  if (isRecord(spec)) {
    if (typeof spec.const === 'string' || typeof spec.const === 'number') return { const: spec.const };
    if (typeof spec.path === 'string' && spec.path.trim()) return { path: spec.path.trim() };
    if (typeof spec.column === 'string' && spec.column.trim()) return { path: spec.column.trim() };
  }
  return null;
}

/**
 * Replaces every secret in `text` with "***", longest first (so a secret containing another is not
 * half-revealed).
 *
 * @example
 * redact('401 for Bearer s3cret', ['s3cret']) // → '401 for Bearer ***'
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 1) out = out.split(secret).join('***');
  }
  return out;
}
