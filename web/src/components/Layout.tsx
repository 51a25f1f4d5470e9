import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useRouter } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import type { MessageKey } from '../i18n/vi.ts';

const NAV: { to: string; key: MessageKey }[] = [
  { to: '/', key: 'nav.overview' },
  { to: '/plans', key: 'nav.plans' },
  { to: '/ranking', key: 'nav.ranking' },
  { to: '/tasks', key: 'nav.tasks' },
  { to: '/problems', key: 'nav.problems' },
  { to: '/workspace', key: 'nav.workspace' },
  { to: '/admin', key: 'nav.admin' },
  { to: '/public', key: 'nav.public' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { location } = useRouter();
  const { canAdminister } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <header className="topbar">
        <Link to="/" className="brand">{t('app.name')}</Link>
        <nav aria-label={t('app.name')}>
          <ul>
            {NAV.filter((item) => item.to !== '/admin' || canAdminister).map((item) => {
              const active = item.to === '/' ? location.path === '/' : location.path.startsWith(item.to);
              return (
                <li key={item.to}>
                  <Link to={item.to} className={active ? 'active' : undefined}>{t(item.key)}</Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <button type="button" className="lang" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t('lang.switch')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
