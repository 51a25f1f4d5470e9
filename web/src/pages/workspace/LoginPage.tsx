import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession, type Right } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import './workspace.css';

/** An account a demo server offers (GET /api/v1/auth/demo-accounts; 404 on a real installation). */
interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: string;
  unit: string;
}

/** Only same-site paths: a crafted ?next= must not send people elsewhere after signing in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

/** Where someone lands after signing in: people who report or approve to their workspace, leaders to the overview. */
function homeFor(rights: readonly Right[]): string {
  return rights.includes('write') || rights.includes('approve') || rights.includes('administer') ? '/workspace' : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const { location, navigate } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoAccount[]>([]);

  useEffect(() => {
    // Only a demo server answers; anywhere else this is a 404 and the page shows nothing more.
    api<{ accounts: DemoAccount[] }>('/api/v1/auth/demo-accounts').then((r) => setDemo(r.accounts), () => setDemo([]));
  }, []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const rights = await signIn(username.trim(), password);
      navigate(safeNext(location.query.get('next')) ?? homeFor(rights));
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 400 || err.status === 422) ? t('login.failed') : t('login.unavailable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ws-login-page">
      <form className="ws-login" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h1>{t('login.title')}</h1>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p role="alert" className="ws-error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{t('login.submit')}</button>
      </form>
      {demo.length > 0 && (
        <section className="ws-login ws-demo-accounts" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title">{t('login.demo.title')}</h2>
          <p>{t('login.demo.hint')}</p>
          <ul>
            {demo.map((a) => (
              <li key={a.username}>
                <strong>{t(`login.demo.role.${a.role}` as MessageKey)}</strong> — {a.displayName}
                <br />
                <code>{a.username}</code> / <code>{a.password}</code>{' '}
                <button type="button" onClick={() => { setUsername(a.username); setPassword(a.password); setError(null); }}>
                  {t('login.demo.use')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
