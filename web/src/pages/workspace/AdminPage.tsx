import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { ImportPlanPanel } from './ImportPlanPanel.tsx';
import { ErrorNote, useApiGet, WorkspaceFrame } from './shared.tsx';

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
  return (
    <WorkspaceFrame title="admin.title">
      <AdminPanels />
    </WorkspaceFrame>
  );
}

/** The panels, only for those who hold the administer right somewhere; the server refuses the rest anyway. */
function AdminPanels() {
  const { t } = useI18n();
  const { canAdminister } = useSession();
  const { location, navigate } = useRouter();
  const tab = (TABS as readonly string[]).includes(location.query.get('tab') ?? '') ? (location.query.get('tab') as Tab) : 'import';
  if (!canAdminister) return <p role="alert" className="ws-error">{t('admin.denied')}</p>;
  return (
    <>
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
      {tab === 'frameworks' && <FrameworksPanel />}
    </>
  );
}

interface UnitRow { code: string; name: string; kind: string; parent: string | null }

function UnitsPanel() {
  const { t } = useI18n();
  const units = useApiGet<{ units: UnitRow[] }>('/api/v1/units');
  const names = new Map((units.data?.units ?? []).map((u) => [u.code, u.name]));
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
            { key: 'name', header: t('units.name'), value: (u) => u.name, sortable: true },
            { key: 'kind', header: t('units.kind'), value: (u) => t(`kind.${u.kind}` as MessageKey) ?? u.kind, sortable: true },
            { key: 'parent', header: t('admin.parent'), value: (u) => (u.parent ? names.get(u.parent) ?? u.parent : '') },
            { key: 'code', header: t('units.code'), value: (u) => u.code, sortable: true, detail: true },
          ]}
        />
      )}
    </>
  );
}

/**
 * Unit names by code, for tables that list units by name; null until the registry has arrived, so
 * that a table waits for it rather than showing codes that turn into names a moment later.
 */
function useUnitNameMap(): Map<string, string> | null {
  const units = useApiGet<{ units: UnitRow[] }>('/api/v1/units');
  return useMemo(() => (units.data ? new Map(units.data.units.map((u) => [u.code, u.name])) : null), [units.data]);
}

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

interface UserRow { id: number; username: string; displayName: string; email: string | null; unit: string; disabled: boolean; grants: { unitCode: string; role: string }[] }

function UsersPanel() {
  const { t } = useI18n();
  const users = useApiGet<{ users: UserRow[] }>('/api/v1/users');
  const unitNames = useUnitNameMap();
  const [form, setForm] = useState({ username: '', displayName: '', unit: '', role: 'reporter', email: '', password: '' });
  const [result, setResult] = useState<{ ok: true; text: string } | { ok: false; error: unknown } | null>(null);
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
      setResult({ ok: false, error: err });
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
        <UnitPicker label={t('admin.unitCode')} value={form.unit} onChange={(unit) => setForm({ ...form, unit })} />
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
      {result?.ok && <p role="status" className="ws-ok">{result.text}</p>}
      {result && !result.ok && <ErrorNote error={result.error} />}
      <ErrorNote error={users.error} />
      {!users.data || !unitNames ? !users.error && <Loading /> : (
        <DataTable
          caption={t('admin.users')}
          exportName="nguoi-dung"
          rows={users.data.users}
          rowKey={(u) => String(u.id)}
          columns={[
            { key: 'username', header: t('admin.username'), value: (u) => u.username, sortable: true },
            { key: 'displayName', header: t('admin.displayName'), value: (u) => u.displayName, sortable: true },
            { key: 'unit', header: t('admin.unitCode'), value: (u) => unitNames.get(u.unit) ?? u.unit, sortable: true },
            { key: 'roles', header: t('admin.role'), value: (u) => u.grants.map((g) => `${t(`role.${g.role}` as MessageKey)} (${unitNames.get(g.unitCode) ?? g.unitCode})`).join('; ') },
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
  const tokens = useApiGet<{ tokens: TokenRow[] }>('/api/v1/tokens');
  const unitNames = useUnitNameMap();
  const [form, setForm] = useState({ name: '', unit: '', role: 'reporter' });
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await api<TokenRow & { token: string }>('/api/v1/tokens', { method: 'POST', body: JSON.stringify(form) });
      setCreated(res.token);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (id: number) => {
    try {
      await api(`/api/v1/tokens/${id}`, { method: 'DELETE' });
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <form className="card ws-grid ws-form" onSubmit={(e) => void onCreate(e)}>
        <label>{t('admin.tokenName')}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <UnitPicker label={t('admin.unitCode')} value={form.unit} onChange={(unit) => setForm({ ...form, unit })} />
        <label>
          {t('admin.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        <div className="ws-actions"><button type="submit" className="primary">{t('admin.createToken')}</button></div>
      </form>
      {created && <p role="status" className="ws-ok ws-token">{t('admin.tokenOnce')} <code>{created}</code></p>}
      <ErrorNote error={error} />
      <ErrorNote error={tokens.error} />
      {!tokens.data || !unitNames ? !tokens.error && <Loading /> : (
        <DataTable
          caption={t('admin.tokens')}
          exportName="ma-truy-cap"
          rows={tokens.data.tokens}
          rowKey={(x) => String(x.id)}
          columns={[
            { key: 'name', header: t('admin.tokenName'), value: (x) => x.name, sortable: true },
            { key: 'unit', header: t('admin.unitCode'), value: (x) => unitNames.get(x.unit) ?? x.unit, sortable: true },
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

interface FrameworkGroup { id: string; name: string; max: number; maxByKind: Record<string, number>; criterionCount: number }
interface FrameworkRow {
  code: string; version: string; name: string; unitKinds: string[]; stored: boolean;
  groups: FrameworkGroup[]; criterionCount: number; maxByKind: Record<string, number>;
}
interface CriterionRow {
  id: string; group: string; groupName: string; name: string; rule: 'ratio' | 'steps' | 'threshold' | 'assessed'; max: number; unitKinds: string[]; goal: string | null;
  source: { kind: 'indicator' | 'share' | 'assessed'; indicator?: string; indicatorName?: string | null; over?: string; op?: string; goal?: number; evidence?: string | null; verifier?: string | null };
}

/** The scoring frameworks in use (GET /api/v1/scores/frameworks) and, for the chosen one, every criterion. */
function FrameworksPanel() {
  const { t, lang } = useI18n();
  const list = useApiGet<{ frameworks: FrameworkRow[] }>('/api/v1/scores/frameworks');
  const [chosen, setChosen] = useState<string | null>(null);
  const code = chosen ?? list.data?.frameworks[0]?.code ?? null;
  const detail = useApiGet<FrameworkRow & { criteria: CriterionRow[] }>(code ? `/api/v1/scores/frameworks/${encodeURIComponent(code)}` : null);
  const kinds = (k: string[]) => k.map((x) => t(`kind.${x}` as MessageKey) ?? x).join(', ');
  const points = (n: number) => formatNumber(n, lang, 0);
  const byKind = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${t(`kind.${k}` as MessageKey) ?? k}: ${points(v)}`).join('; ');
  const source = (c: CriterionRow) => {
    const s = c.source;
    if (s.kind === 'assessed') {
      return [t('fw.source.assessed'), s.evidence ? `${t('fw.source.evidence')} ${s.evidence}` : '', s.verifier ? `${t('fw.source.verifier')} ${s.verifier}` : ''].filter(Boolean).join('. ');
    }
    const indicator = `${s.indicator ?? ''}${s.indicatorName ? ` — ${s.indicatorName}` : ''}`;
    return s.kind === 'share' ? `${t('fw.source.share')} ${s.op ?? ''} ${s.goal ?? ''}: ${indicator}` : `${t('fw.source.indicator')} ${indicator}`;
  };
  return (
    <section aria-labelledby="fw-head">
      <h2 id="fw-head">{t('admin.frameworks')}</h2>
      <ErrorNote error={list.error} />
      {list.data && list.data.frameworks.length === 0 && <p className="ws-info">{t('fw.empty')}</p>}
      {list.data && list.data.frameworks.length > 0 && (
        <DataTable
          caption={t('admin.frameworks')}
          exportName="bo-tieu-chi"
          searchable={false}
          rows={list.data.frameworks}
          rowKey={(f) => f.code}
          columns={[
            { key: 'code', header: t('fw.code'), value: (f) => f.code, sortable: true },
            { key: 'version', header: t('fw.version'), value: (f) => f.version },
            { key: 'name', header: t('fw.name'), value: (f) => f.name, sortable: true },
            { key: 'kinds', header: t('fw.unitKinds'), value: (f) => kinds(f.unitKinds) },
            { key: 'groups', header: t('fw.groups'), value: (f) => f.groups.map((g) => `${g.name} (${points(g.max)})`).join('; ') },
            { key: 'count', header: t('fw.criterionCount'), numeric: true, value: (f) => f.criterionCount },
            { key: 'max', header: t('fw.maxPoints'), value: (f) => byKind(f.maxByKind) },
            { key: 'stored', header: t('fw.stored'), value: (f) => t(f.stored ? 'fw.storedYes' : 'fw.storedNo') },
            {
              key: 'view',
              header: t('fw.view'),
              value: () => '',
              sortable: false,
              render: (f) => (
                <button type="button" className="ws-secondary" aria-pressed={f.code === code} onClick={() => setChosen(f.code)} aria-label={`${t('fw.view')} ${f.name}`}>
                  {t('fw.view')}
                </button>
              ),
            },
          ]}
        />
      )}
      <ErrorNote error={detail.error} />
      {detail.data && (
        <>
          <h3>{t('fw.criteriaOf')} {detail.data.name} ({detail.data.code} {detail.data.version})</h3>
          <DataTable
            caption={`${t('fw.criteriaOf')} ${detail.data.code}`}
            exportName={`tieu-chi-${detail.data.code}-${detail.data.version}`}
            rows={detail.data.criteria}
            rowKey={(c) => c.id}
            columns={[
              { key: 'group', header: t('fw.group'), value: (c) => c.groupName, sortable: true },
              { key: 'criterion', header: t('fw.criterion'), value: (c) => `${c.id}. ${c.name}`, sortable: true },
              { key: 'rule', header: t('fw.rule'), value: (c) => t(`fw.rule.${c.rule}`), sortable: true },
              { key: 'max', header: t('fw.maxPoints'), numeric: true, sortable: true, value: (c) => c.max, render: (c) => points(c.max) },
              { key: 'goal', header: t('fw.goal'), value: (c) => c.goal ?? '' },
              { key: 'kinds', header: t('fw.unitKinds'), value: (c) => kinds(c.unitKinds) },
              { key: 'source', header: t('fw.source'), value: source },
            ]}
          />
        </>
      )}
    </section>
  );
}
