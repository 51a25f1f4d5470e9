import type { CommandModule } from '../cli-context.ts';
import audit from './audit.ts';
import db from './db.ts';
import serve from './serve.ts';
import tokens from './tokens.ts';
import units from './units.ts';
import users from './users.ts';

/** Every command group of `theodoi`; a new area adds its module here. */
export const commandModules: CommandModule[] = [serve, db, units, users, tokens, audit];
