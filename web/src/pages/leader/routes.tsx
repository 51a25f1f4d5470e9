import { lazy, Suspense } from 'react';
import type { ScreenRoute } from '../../app/route-table.ts';
import { UnitsPage } from '../UnitsPage.tsx';
import { BehindPage } from './BehindPage.tsx';
import { OverviewPage } from './OverviewPage.tsx';
import { PlanPage, PlansPage } from './PlansPage.tsx';
import { PublicPage } from './PublicPage.tsx';
import { RankingPage } from './RankingPage.tsx';
import { TargetPage } from './TargetPage.tsx';
import { TasksPage } from './TasksPage.tsx';
import { UnitPage } from './UnitPage.tsx';

// The lists behind the overview's figures load when opened, never with the first screen.
const OverviewTargetsPage = lazy(() => import('./OverviewTargetsPage.tsx').then((m) => ({ default: m.OverviewTargetsPage })));

/** Leaders' screens: overview, drill-down, ranking, tasks, public page. */
export const leaderRoutes: ScreenRoute[] = [
  { pattern: '/', render: () => <OverviewPage /> },
  { pattern: '/overview/targets', render: () => <Suspense fallback={<p aria-busy="true">…</p>}><OverviewTargetsPage /></Suspense> },
  { pattern: '/plans', render: () => <PlansPage /> },
  { pattern: '/plans/:id', render: (p) => <PlanPage key={p.id} id={p.id ?? ''} /> },
  { pattern: '/targets/:code', render: (p) => <TargetPage key={p.code} code={p.code ?? ''} /> },
  { pattern: '/units', render: () => <UnitsPage /> },
  { pattern: '/units/:code', render: (p) => <UnitPage key={p.code} code={p.code ?? ''} /> },
  { pattern: '/ranking', render: () => <RankingPage /> },
  { pattern: '/behind', render: () => <BehindPage /> },
  { pattern: '/tasks', render: () => <TasksPage /> },
  { pattern: '/public', render: () => <PublicPage /> },
];
