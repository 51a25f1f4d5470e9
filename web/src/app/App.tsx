import { Layout } from '../components/Layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitsPage } from '../pages/UnitsPage.tsx';
import { matchPath, useRouter } from './router.tsx';
import type { ReactElement } from 'react';

/** Screens by path; the first match wins. */
const ROUTES: { pattern: string; render: (params: Record<string, string>) => ReactElement }[] = [
  { pattern: '/units', render: () => <UnitsPage /> },
];

export function App() {
  const { location } = useRouter();
  const { t } = useI18n();
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, location.path);
    if (params) return <Layout>{route.render(params)}</Layout>;
  }
  if (location.path === '/') return <Layout><UnitsPage /></Layout>;
  return <Layout><h1>{t('notFound.title')}</h1></Layout>;
}
