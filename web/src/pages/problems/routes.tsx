import { lazy, Suspense, type ReactElement } from 'react';
import type { ScreenRoute } from '../../app/route-table.ts';

// The registry's screens load when opened, never with the first screen.
const CataloguePage = lazy(() => import('./CataloguePage.tsx').then((m) => ({ default: m.CataloguePage })));
const ProposePage = lazy(() => import('./ProposePage.tsx').then((m) => ({ default: m.ProposePage })));
const ProblemPage = lazy(() => import('./ProblemPage.tsx').then((m) => ({ default: m.ProblemPage })));
const ProblemsLeadersPage = lazy(() => import('./ProblemsLeadersPage.tsx').then((m) => ({ default: m.ProblemsLeadersPage })));
const PublicProblemsPage = lazy(() => import('./PublicProblemsPage.tsx').then((m) => ({ default: m.PublicProblemsPage })));

const wait = (el: ReactElement) => <Suspense fallback={<p aria-busy="true">…</p>}>{el}</Suspense>;

/** The problems registry (issue #17): catalogue, Mẫu 01 proposals, leaders' view, public Mẫu 02 page. */
export const problemRoutes: ScreenRoute[] = [
  { pattern: '/problems', render: () => wait(<CataloguePage />) },
  { pattern: '/problems/propose', render: () => wait(<ProposePage />) },
  { pattern: '/problems/overview', render: () => wait(<ProblemsLeadersPage />) },
  { pattern: '/problems/:code', render: (p) => wait(<ProblemPage key={p.code} code={p.code ?? ''} />) },
  { pattern: '/public/problems', render: () => wait(<PublicProblemsPage />) },
];
