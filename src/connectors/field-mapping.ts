import { InputError } from '../domain/errors.ts';
import { isRecord } from '../domain/observations/observation-input.ts';
import { parseCsvTable } from '../domain/observations/tabular-rows.ts';
import type { ConnectorDefinition, FieldSource, MappedField } from './connector-config.ts';
import { message } from '../domain/messages/message.ts';

/**
 * Turns a source system's answer (JSON or CSV text) into observation rows for `ingestObservations`,
 * following the connector's field mapping. Garbage is an InputError that says what was expected.
 *
 * @example
 * rowsFromSource('{"data":[{"dv":"P_VT","ky":"2026-03","gt":12}]}', { format: 'json', rows: 'data',
 *   fields: { indicator: { const: 'DN_SO' }, unit: { path: 'dv' }, period: { path: 'ky' }, value: { path: 'gt' } } })
 * // → [{ indicator: 'DN_SO', unit: 'P_VT', period: '2026-03', value: 12 }]
 */
export function rowsFromSource(body: string, connector: Pick<ConnectorDefinition, 'format' | 'rows' | 'fields'>): Record<string, unknown>[] {
  const records = connector.format === 'csv' ? csvRecords(body) : jsonRecords(body, connector.rows);
  return records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const [field, source] of Object.entries(connector.fields) as [MappedField, FieldSource][]) {
      const value = 'const' in source ? source.const : valueAt(record, source.path, connector.format === 'csv');
      if (value !== undefined && value !== null && value !== '') row[field] = typeof value === 'object' ? JSON.stringify(value) : value;
    }
    return row;
  });
}

function jsonRecords(body: string, rowsPath: string): Record<string, unknown>[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw new InputError(message('connector.source_did_not_return_json', { message: (error as Error).message }));
  }
  const rows = rowsPath ? valueAt(doc, rowsPath, false) : doc;
  if (!Array.isArray(rows)) {
    throw new InputError(rowsPath ? message('connector.no_rows_at', { rowsPath }) : message('connector.no_rows_at_root'));
  }
  const bad = rows.findIndex((r) => !isRecord(r));
  if (bad >= 0) throw new InputError(message('connector.row_not_object', { bad }));
  return rows as Record<string, unknown>[];
}

function csvRecords(body: string): Record<string, unknown>[] {
  if (/^\s*[[{<]/.test(body)) throw new InputError(message('connector.source_did_not_return_csv'));
  return parseCsvTable(body).rows.map((r) => r.record);
}

/** A dot path into nested objects and arrays ("data.items.0.value"); CSV columns match case-insensitively. */
export function valueAt(doc: unknown, path: string, caseInsensitive: boolean): unknown {
  if (caseInsensitive && isRecord(doc)) return doc[path.toLowerCase()] ?? doc[path];
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isRecord(current)) current = current[part];
    else return undefined;
  }
  return current;
}
