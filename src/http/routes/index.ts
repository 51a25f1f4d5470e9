import type { RouteModule } from '../route-module.ts';
import audit from './audit/index.ts';
import auth from './auth/index.ts';
import connectors from './connectors/index.ts';
import events from './events/index.ts';
import health from './health/index.ts';
import indicators from './indicators/index.ts';
import observations from './observations/index.ts';
import plans from './plans/index.ts';
import rollups from './rollups/index.ts';
import scores from './scores/index.ts';
import tokens from './tokens/index.ts';
import notifications from './notifications/index.ts';
import reporting from './reporting/index.ts';
import reports from './reports/index.ts';
import units from './units/index.ts';
import users from './users/index.ts';
import evaluation from './evaluation/index.ts';
import exportsRoutes from './exports/index.ts';
import overview from './overview/index.ts';
import behind from './behind/index.ts';
import targetBreakdown from './target-breakdown/index.ts';
import alerts from './alerts/index.ts';
import targets from './targets/index.ts';
import targetLinks from './target-links/index.ts';
import classification from './classification/index.ts';
import pilots from './pilots/index.ts';
import publicRoutes from './public/index.ts';
import problems from './problems/index.ts';

/** Every route group the server mounts; a new area adds its folder here. */
export const routeModules: RouteModule[] = [
  health,
  units,
  auth,
  users,
  tokens,
  audit,
  plans,
  indicators,
  observations,
  connectors,
  reporting,
  reports,
  notifications,
  scores,
  rollups,
  events,
  evaluation,
  overview,
  behind,
  targetBreakdown,
  exportsRoutes,
  alerts,
  targets,
  publicRoutes,
  targetLinks,
  classification,
  pilots,
  problems,
];
