import type { CommandModule } from '../cli-context.ts';
import db from './db.ts';
import serve from './serve.ts';

/** Every command group of `theodoi`; a new area adds its module here. */
export const commandModules: CommandModule[] = [serve, db];
