import type { ScreenRoute } from '../../app/route-table.ts';
import { UnitsPage } from '../UnitsPage.tsx';

/** Leaders' screens: overview, drill-down, ranking, tasks, public page. */
export const leaderRoutes: ScreenRoute[] = [
  { pattern: '/', render: () => <UnitsPage /> },
  { pattern: '/units', render: () => <UnitsPage /> },
];
