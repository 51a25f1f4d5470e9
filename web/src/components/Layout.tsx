import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useRouter } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import type { MessageKey } from '../i18n/vi.ts';

const NAV: { to: string; key: MessageKey }[] = [
  { to: '/', key: 'nav.overview' },
  { to: '/plans', key: 'nav.plans' },
  { to: '/behind', key: 'nav.behind' },
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
  const main = useRef<HTMLElement>(null);
  usePageTitle(main, t('app.name'));
  useFocusHeadingOnNavigation(main, location.path);
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
        <SignedInPerson />
      </header>
      <main id="main" tabIndex={-1} ref={main}>{children}</main>
    </>
  );
}

/** Who is signed in, on every screen, with sign-out; a sign-in link for everyone else. */
function SignedInPerson() {
  const { t } = useI18n();
  const { user, loaded, signOut } = useSession();
  const { location, navigate } = useRouter();
  if (!loaded) return null;
  if (!user) {
    if (location.path === '/login') return null;
    return <Link to="/login" className="who-signin">{t('login.submit')}</Link>;
  }
  return (
    <span className="who">
      <span className="who-name" title={user.username}>
        <strong>{user.displayName}</strong> <span className="who-unit">· {user.unitName}</span>
      </span>
      <button type="button" className="who-signout" onClick={() => void signOut().then(() => navigate('/login'))}>
        {t('ws.signOut')}
      </button>
    </span>
  );
}

/**
 * Each page is titled by its main heading: "Tổng quan: Thành phố Hà Nội — Theo Dõi". Headings fill
 * in as data arrives, so the title follows the heading's text as it changes.
 */
function usePageTitle(main: RefObject<HTMLElement | null>, appName: string): void {
  useEffect(() => {
    const root = main.current;
    if (!root) return;
    const update = () => {
      const heading = root.querySelector('h1')?.textContent?.trim();
      const title = heading ? `${heading} — ${appName}` : appName;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [main, appName]);
}

/**
 * After moving to another screen (not on the first load), focus goes to the new screen's main
 * heading, so keyboard and screen-reader users start where the content starts.
 */
function useFocusHeadingOnNavigation(main: RefObject<HTMLElement | null>, path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const heading = main.current?.querySelector<HTMLElement>('h1');
      const target = heading ?? main.current;
      if (!target) return;
      if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [main, path]);
}
