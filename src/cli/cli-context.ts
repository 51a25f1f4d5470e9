import type { Command } from 'commander';
import { openAppContext, type AppContext } from '../app-context.ts';
import { databaseLocation } from '../config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { ConflictError, describeProblem, errorTextIn, ForbiddenError, InputError, NotFoundError, problemIn } from '../domain/errors.ts';
import { cliLang, type Lang } from '../domain/messages/message.ts';
import { seedBuiltInRegistry } from '../use-cases/units/seed-built-in-registry.ts';
import { cliText } from './cli-text.ts';

/** Options every command accepts. */
export interface GlobalOptions {
  dataDir?: string;
}

/** The options of `command` merged with the program's global ones (`--data-dir`). */
export function optionsOf<T extends object>(command: Command): T & GlobalOptions {
  return command.optsWithGlobals<T & GlobalOptions>();
}

/** Exit code of a command refused because another process (a server) holds the PGlite data directory. */
export const EXIT_DATA_DIR_LOCKED = 4;

/**
 * Opens the database for a command (`serve` included): migrates it, and on first use loads the
 * built-in Hanoi registry when it has no unit yet, so every command and the API see the same units
 * on a fresh data directory. The caller closes it with `ctx.database.close()`.
 */
export async function openCommandContext(options: GlobalOptions): Promise<AppContext> {
  const ctx = await openAppContext(databaseLocation(options));
  try {
    const seeded = await seedBuiltInRegistry(ctx);
    if (seeded) process.stderr.write(`${cliText('cli.registry_loaded', { createdCount: seeded.created.length })}\n`);
  } catch (error) {
    await ctx.database.close();
    throw error;
  }
  return ctx;
}

/** Opens the database for one command, runs `work`, and always closes it. */
export async function withAppContext<T>(options: GlobalOptions, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openCommandContext(options);
  try {
    return await work(ctx);
  } finally {
    await ctx.database.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const FAILURE_WORDS = {
  vi: { error: 'Lỗi', input: 'Lỗi dữ liệu vào' },
  en: { error: 'Error', input: 'Invalid input' },
} as const;

/**
 * How a failed command reports, in the CLI's language (THEODOI_LANG): the message and, for bad
 * input, each line or field at fault.
 */
export function reportFailure(error: unknown, lang: Lang = cliLang()): number {
  const words = FAILURE_WORDS[lang];
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${words.error}: ${error.message}\n`);
    return EXIT_DATA_DIR_LOCKED;
  }
  if (error instanceof InputError) {
    process.stderr.write(`${words.input}: ${errorTextIn(error, lang)}\n`);
    for (const p of error.problems) process.stderr.write(`${describeProblem(problemIn(p, lang))}\n`);
    return 2;
  }
  // Not an input error: the whole message, which may run over several lines.
  const text = error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof ConflictError ? errorTextIn(error, lang) : error instanceof Error ? error.message : String(error);
  process.stderr.write(`${words.error}: ${text}\n`);
  return 1;
}

/** Registers a command group on the program. */
export type CommandModule = (program: Command) => void;
