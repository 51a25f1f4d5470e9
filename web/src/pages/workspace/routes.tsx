import { lazy, Suspense, type ComponentType } from 'react';
import type { ScreenRoute } from '../../app/route-table.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LoginPage } from './LoginPage.tsx';

// The workspace and administration screens load on demand: they never weigh on the first screen.
const ReportPage = lazy(() => import('./ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const ApprovalsPage = lazy(() => import('./ApprovalsPage.tsx').then((m) => ({ default: m.ApprovalsPage })));
const InboxPage = lazy(() => import('./InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const AdminPage = lazy(() => import('./AdminPage.tsx').then((m) => ({ default: m.AdminPage })));

function Loading() {
  const { t } = useI18n();
  return <p>{t('common.loading')}</p>;
}

function screen(Page: ComponentType) {
  return () => (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

/** Units' workspace and administration: sign-in, monthly report, approvals, inbox, imports, tokens. */
export const workspaceRoutes: ScreenRoute[] = [
  { pattern: '/login', render: () => <LoginPage /> },
  { pattern: '/workspace', render: screen(ReportPage) },
  { pattern: '/workspace/approvals', render: screen(ApprovalsPage) },
  { pattern: '/workspace/inbox', render: screen(InboxPage) },
  { pattern: '/admin', render: screen(AdminPage) },
];
