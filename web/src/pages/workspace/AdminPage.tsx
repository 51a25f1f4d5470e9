import { useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { useRouter } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { ImportPlanPanel } from './ImportPlanPanel.tsx';
import { ErrorNote, useApiGet, useErrorText, WorkspaceFrame } from './shared.tsx';

const TABS = ['import', 'units', 'users', 'tokens', 'connectors', 'frameworks'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = {
  import: 'admin.import',
  units: 'admin.units',
  users: 'admin.users',
  tokens: 'admin.tokens',
  connectors: 'admin.connectors',
  frameworks: 'admin.frameworks',
};
const ROLES = ['viewer', 'reporter', 'approver', 'unit_admin', 'system_admin'] as const;

/** Administration: plan import, unit registry, users, API tokens, connectors, scoring frameworks. */
export function AdminPage() {
  const { t } = useI18n();
  const { location, navigate } = useRouter();
  const tab = (TABS as readonly string[]).includes(location.query.get('tab') ?? '') ? (location.query.get('tab') as Tab) : 'import';
  return (
    <WorkspaceFrame title="admin.title">
      <div className="ws-tabs" role="group" aria-label={t('admin.title')}>
        {TABS.map((k) => (
          <button key={k} type="button" aria-pressed={tab === k} className={tab === k ? 'active' : undefined} onClick={() => navigate(`/admin?tab=${k}`)}>
            {t(TAB_LABEL[k])}
          </button>
        ))}
      </div>
      {tab === 'import' && <ImportPlanPanel />}
      {tab === 'units' && <UnitsPanel />}
      {tab === 'users' && <UsersPanel />}
      {tab === 'tokens' && <TokensPanel />}
      {tab === 'connectors' && <ConnectorsPanel />}
      {tab === 'frameworks' && <p className="ws-info">{t('admin.frameworksMissing')}</p>}
    </WorkspaceFrame>
  );
}

interface UnitRow { code: string; name: string; kind: string; parent: string | null }

function UnitsPanel() {
  const { t } = useI18n();
  const units = useApiGet<{ units: UnitRow[] }>('/api/v1/units');
  return (
    <>
      <ErrorNote error={units.error} />
      {units.data && (
        <DataTable
          caption={t('admin.units')}
          exportName="don-vi"
          rows={units.data.units}
          rowKey={(u) => u.code}
          columns={[
            { key: 'code', header: t('units.code'), value: (u) => u.code, sortable: true },
            { key: 'name', header: t('units.name'), value: (u) => u.name, sortable: true },
            { key: 'kind', header: t('units.kind'), value: (u) => t(`kind.${u.kind}` as MessageKey) ?? u.kind, sortable: true },
            { key: 'parent', header: t('admin.parent'), value: (u) => u.parent ?? '' },
          ]}
        />
      )}
    </>
  );
}

interface UserRow { id: number; username: string; displayName: string; email: string | null; unit: string; disabled: boolean; grants: { unitCode: string; role: string }[] }

function UsersPanel() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const users = useApiGet<{ users: UserRow[] }>('/api/v1/users');
  const [form, setForm] = useState({ username: '', displayName: '', unit: '', role: 'reporter', email: '', password: '' });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('/api/v1/users', {
        method: 'POST',
        body: JSON.stringify({ ...form, email: form.email || null, password: form.password || null }),
      });
      setResult({ ok: true, text: t('admin.userCreated') });
      setForm({ ...form, username: '', displayName: '', email: '', password: '' });
      users.reload();
    } catch (err) {
      setResult({ ok: false, text: errorText(err) });
    }
  };
  const field = (key: keyof typeof form, label: MessageKey, type = 'text') => (
    <label>
      {t(label)}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} autoComplete="off" />
    </label>
  );
  return (
    <>
      <form className="card ws-grid ws-form" onSubmit={(e) => void onCreate(e)}>
        {field('username', 'admin.username')}
        {field('displayName', 'admin.displayName')}
        {field('unit', 'admin.unitCode')}
        <label>
          {t('admin.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        {field('email', 'admin.email', 'email')}
        {field('password', 'admin.password', 'password')}
        <div className="ws-actions"><button type="submit" className="primary">{t('admin.createUser')}</button></div>
      </form>
      {result && <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'ws-ok' : 'ws-error'}>{result.text}</p>}
      <ErrorNote error={users.error} />
      {users.data && (
        <DataTable
          caption={t('admin.users')}
          exportName="nguoi-dung"
          rows={users.data.users}
          rowKey={(u) => String(u.id)}
          columns={[
            { key: 'username', header: t('admin.username'), value: (u) => u.username, sortable: true },
            { key: 'displayName', header: t('admin.displayName'), value: (u) => u.displayName, sortable: true },
            { key: 'unit', header: t('admin.unitCode'), value: (u) => u.unit, sortable: true },
            { key: 'roles', header: t('admin.role'), value: (u) => u.grants.map((g) => `${t(`role.${g.role}` as MessageKey)} (${g.unitCode})`).join('; ') },
            { key: 'disabled', header: t('admin.health'), value: (u) => (u.disabled ? t('admin.disabled') : '') },
          ]}
        />
      )}
    </>
  );
}

interface TokenRow { id: number; name: string; unit: string; role: string; createdAt: string; expiresAt: string | null; revokedAt: string | null }

function TokensPanel() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const tokens = useApiGet<{ tokens: TokenRow[] }>('/api/v1/tokens');
  const [form, setForm] = useState({ name: '', unit: '', role: 'reporter' });
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await api<TokenRow & { token: string }>('/api/v1/tokens', { method: 'POST', body: JSON.stringify(form) });
      setCreated(res.token);
      tokens.reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const revoke = async (id: number) => {
    try {
      await api(`/api/v1/tokens/${id}`, { method: 'DELETE' });
      tokens.reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <>
      <form className="card ws-grid ws-form" onSubmit={(e) => void onCreate(e)}>
        <label>{t('admin.tokenName')}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label>{t('admin.unitCode')}<input value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} /></label>
        <label>
          {t('admin.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        <div className="ws-actions"><button type="submit" className="primary">{t('admin.createToken')}</button></div>
      </form>
      {created && <p role="status" className="ws-ok ws-token">{t('admin.tokenOnce')} <code>{created}</code></p>}
      {error && <p role="alert" className="ws-error">{error}</p>}
      <ErrorNote error={tokens.error} />
      {tokens.data && (
        <DataTable
          caption={t('admin.tokens')}
          exportName="ma-truy-cap"
          rows={tokens.data.tokens}
          rowKey={(x) => String(x.id)}
          columns={[
            { key: 'name', header: t('admin.tokenName'), value: (x) => x.name, sortable: true },
            { key: 'unit', header: t('admin.unitCode'), value: (x) => x.unit, sortable: true },
            { key: 'role', header: t('admin.role'), value: (x) => t(`role.${x.role}` as MessageKey) },
            { key: 'created', header: t('admin.created'), value: (x) => formatDate(x.createdAt) },
            { key: 'expires', header: t('admin.expires'), value: (x) => formatDate(x.expiresAt) },
            {
              key: 'revoke',
              header: t('admin.revoke'),
              value: (x) => (x.revokedAt ? `${t('admin.revoked')} ${formatDate(x.revokedAt)}` : ''),
              render: (x) => x.revokedAt
                ? `${t('admin.revoked')} ${formatDate(x.revokedAt)}`
                : <button type="button" className="ws-secondary" onClick={() => void revoke(x.id)} aria-label={`${t('admin.revoke')} ${x.name}`}>{t('admin.revoke')}</button>,
            },
          ]}
        />
      )}
    </>
  );
}

interface ConnectorRow { name: string; configured: boolean; running: boolean; lastSuccessAt: string | null; lastErrorAt: string | null; lastError: string | null; rows: number; stale: boolean; indicators: string[] }

function ConnectorsPanel() {
  const { t } = useI18n();
  const connectors = useApiGet<{ connectors: ConnectorRow[]; configError?: string }>('/api/v1/connectors');
  const health = (c: ConnectorRow) => (!c.configured ? t('admin.notConfigured') : c.stale || c.lastErrorAt ? t('admin.stale') : t('admin.healthy'));
  return (
    <>
      <ErrorNote error={connectors.error} />
      {connectors.data?.configError && <p role="alert" className="ws-error">{connectors.data.configError}</p>}
      {connectors.data && (
        <DataTable
          caption={t('admin.connectors')}
          exportName="ket-noi"
          rows={connectors.data.connectors}
          rowKey={(c) => c.name}
          columns={[
            { key: 'name', header: t('admin.connector'), value: (c) => c.name, sortable: true },
            { key: 'health', header: t('admin.health'), value: health, sortable: true },
            { key: 'success', header: t('admin.lastSuccess'), value: (c) => formatDate(c.lastSuccessAt) },
            { key: 'error', header: t('admin.lastError'), value: (c) => (c.lastError ? `${formatDate(c.lastErrorAt)}: ${c.lastError}` : '') },
            { key: 'indicators', header: t('admin.indicators'), value: (c) => c.indicators.join(', ') },
          ]}
        />
      )}
    </>
  );
}
