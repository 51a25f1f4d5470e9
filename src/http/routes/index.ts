import type { RouteModule } from '../route-module.ts';
import health from './health/index.ts';
import units from './units/index.ts';

/** Every route group the server mounts; a new area adds its folder here. */
export const routeModules: RouteModule[] = [health, units];
