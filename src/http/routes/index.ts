import type { RouteModule } from '../route-module.ts';
import audit from './audit/index.ts';
import auth from './auth/index.ts';
import health from './health/index.ts';
import tokens from './tokens/index.ts';
import users from './users/index.ts';
import units from './units/index.ts';

/** Every route group the server mounts; a new area adds its folder here. */
export const routeModules: RouteModule[] = [health, units, auth, users, tokens, audit];
