import { useState, type FormEvent } from 'react';
import { ApiError } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import './workspace.css';

/** Only same-site paths: a crafted ?next= must not send people elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workspace';
}

export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const { location, navigate } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(safeNext(location.query.get('next')));
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 400 || err.status === 422) ? t('login.failed') : t('login.unavailable'));
    } finally {
      setBusy(false);
    }
  };

  return (
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
  );
}
