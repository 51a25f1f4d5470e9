import { Layout } from '../components/Layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { leaderRoutes } from '../pages/leader/routes.tsx';
import { problemRoutes } from '../pages/problems/routes.tsx';
import { workspaceRoutes } from '../pages/workspace/routes.tsx';
import { matchPath, useRouter } from './router.tsx';

const ROUTES = [...leaderRoutes, ...problemRoutes, ...workspaceRoutes];

/** Renders the first screen whose pattern matches the path. */
export function App() {
  const { location } = useRouter();
  const { t } = useI18n();
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, location.path);
    if (params) return <Layout>{route.render(params)}</Layout>;
  }
  return <Layout><h1>{t('notFound.title')}</h1></Layout>;
}
