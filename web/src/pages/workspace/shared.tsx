import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { parseLocaleNumber } from '../../app/format.ts';
import { Link, useRouter } from '../../app/router.tsx';
import { useServerWords } from '../../app/use-server-words.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import './workspace.css';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing to load yet) and reloads when it changes. */
export function useApiGet<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** The message a person should read for a failed call: a refusal is said plainly ("không có quyền"). */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  const words = useServerWords();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 403) return t('ws.forbidden');
      if (error.status === 401) return t('ws.needSignIn');
    }
    return `${t('ws.error')} ${words.failure(error)}`;
  };
}

export function ErrorNote({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return <p role="alert" className="ws-error">{text(error)}</p>;
}

/** Current month as a period code, "2026-11". */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Frame of every workspace screen: sends people who are not signed in to /login (coming back here
 * afterwards), with the workspace's own links (who is signed in is on every screen's top bar).
 */
export function WorkspaceFrame({ title, children }: { title: MessageKey; children: ReactNode }) {
  const { user, loaded, rights, canAdminister } = useSession();
  const { t } = useI18n();
  const { location, navigate } = useRouter();
  const here = location.path + (location.query.toString() ? `?${location.query.toString()}` : '');
  useEffect(() => {
    if (loaded && !user) navigate(`/login?next=${encodeURIComponent(here)}`);
  }, [loaded, user, here, navigate]);
  if (!loaded || !user) return <p>{t('common.loading')}</p>;
  const links: { to: string; key: MessageKey; show: boolean }[] = [
    { to: '/workspace', key: 'ws.nav.report', show: true },
    { to: '/workspace/approvals', key: 'ws.nav.approvals', show: rights.includes('approve') },
    { to: '/workspace/inbox', key: 'ws.nav.inbox', show: true },
    { to: '/admin', key: 'ws.nav.admin', show: canAdminister },
  ];
  return (
    <div className="ws">
      <div className="ws-bar">
        <nav aria-label={t('nav.workspace')} className="ws-links">
          {links.filter((l) => l.show).map((l) => (
            <Link key={l.to} to={l.to} className={location.path === l.to ? 'active' : undefined}>{t(l.key)}</Link>
          ))}
        </nav>
      </div>
      <h1>{t(title)}</h1>
      {children}
    </div>
  );
}

/** A submission's state as a labelled badge. */
export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  const key = `state.${state}` as MessageKey;
  return <span className={`ws-state ws-state-${state}`}>{t(key) ?? state}</span>;
}

/** "1.234,5" → 1234.5 and "95,5" → 95.5; a plain "95.5" stays 95.5. NaN when not a number (see parseLocaleNumber). */
export function parseVietnameseNumber(text: string): number {
  return parseLocaleNumber(text, 'vi');
}
