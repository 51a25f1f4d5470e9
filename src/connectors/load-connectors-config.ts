import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../domain/errors.ts';
import { parseConnectorsConfig, type ConnectorsConfig } from './connector-config.ts';
import { message } from '../domain/messages/message.ts';

/** The connectors file named by `--config`, else `THEODOI_CONNECTORS`; null when neither is given. */
export function connectorsConfigPath(option?: string): string | null {
  return option ?? process.env.THEODOI_CONNECTORS ?? null;
}

/**
 * Reads and validates a connectors file (YAML or JSON), substituting `${VAR}` from the environment.
 * Without a file there are no connectors.
 *
 * @example
 * const config = await loadConnectorsConfig(connectorsConfigPath(options.config));
 */
export async function loadConnectorsConfig(file: string | null, env: Readonly<Record<string, string | undefined>> = process.env): Promise<ConnectorsConfig> {
  if (!file) return { connectors: [] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(message('connector.cannot_read_connectors_file', { file, message: (error as Error).message }));
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new InputError(message('connector.unreadable_connectors_file', { file, message: (error as Error).message }));
  }
  return parseConnectorsConfig(raw, env);
}
