import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { InputError } from '../errors.ts';
import { parseFramework, type Framework } from './framework.ts';
import { message } from '../messages/message.ts';

/** The framework shipped with Theo Dõi (Hanoi's DTI-like index for agencies and communes). */
export const SHIPPED_FRAMEWORK_PATH = fileURLToPath(new URL('../../scoring-frameworks/hanoi-dti-2026.yaml', import.meta.url));

/**
 * Parses a framework from YAML or JSON text (JSON is YAML), naming the line of a syntax error.
 *
 * @example
 * frameworkFromText(readFileSync('framework.yaml', 'utf8'));
 */
export function frameworkFromText(text: string): Framework {
  let raw: unknown;
  try {
    raw = YAML.parse(text.normalize('NFC'));
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new InputError(message('score.unreadable_framework_file'), [
      { ...(line !== undefined ? { line } : {}), message: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) },
    ]);
  }
  return parseFramework(raw);
}

/** Reads a framework file; this file read is the one I/O in the scoring area's domain, kept beside the parser for the CLI. */
export function frameworkFromFile(path: string): Framework {
  return frameworkFromText(readFileSync(path, 'utf8'));
}
