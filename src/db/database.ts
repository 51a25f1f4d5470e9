import type { AlertTables } from './tables/alerts.ts';
import type { AccessGrantTables } from './tables/access-grants.ts';
import type { AccessTables } from './tables/access.ts';
import type { ConnectorTables } from './tables/connectors.ts';
import type { NotificationTables } from './tables/notifications.ts';
import type { ObservationTables } from './tables/observations.ts';
import type { PilotTables } from './tables/pilots.ts';
import type { PlanTables } from './tables/plans.ts';
import type { ProblemTables } from './tables/problems.ts';
import type { RealtimeTables } from './tables/realtime.ts';
import type { ReportTables } from './tables/reports.ts';
import type { ScoringTables } from './tables/scoring.ts';
import type { UnitTables } from './tables/units.ts';

/** Every table, as Kysely sees it. Each area declares its own tables in `tables/<area>.ts`. */
export interface Database extends UnitTables, AccessTables, AccessGrantTables, PlanTables, ObservationTables, ReportTables, NotificationTables, ConnectorTables, ScoringTables, AlertTables, RealtimeTables, PilotTables, ProblemTables {}
