import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { LoadState } from '../leader/shared.tsx';
import { useApi } from '../leader/use-api.ts';
import { errorsByField, FieldError } from './FieldErrors.tsx';
import { areaKey, fieldKey } from './problems-data.ts';
import './problems.css';

interface PublicProblem {
  code: string; name: string; fields: string[]; problem: string; managementNeed: string; pilotScope: string;
  dataInputs: string | null; outputStandards: string | null; sandboxConditions: string | null; scaleClass: string | null; areaType: string | null;
  receivingUnit: { code: string; name: string };
}
interface PublicList { consentPurpose: string; minFillSeconds: number; problems: PublicProblem[] }

/** "Bài toán mời giải pháp": published problems, open to all, each with the Mẫu 02 form. */
export function PublicProblemsPage() {
  const { t } = useI18n();
  const list = useApi<PublicList>('/api/v1/public/problems');
  return (
    <section className="problems public-problems">
      <h1>{t('problems.public')}</h1>
      <p>{t('problems.publicIntro')}</p>
      <LoadState state={list}>
        {(d) => d.problems.length === 0 ? <p>{t('problems.publicNone')}</p> : (
          <>{d.problems.map((p) => <PublicProblemCard key={p.code} p={p} consentPurpose={d.consentPurpose} />)}</>
        )}
      </LoadState>
    </section>
  );
}

const TEXT_FIELDS = ['capability', 'approach', 'readiness', 'kpiCommitment', 'timeCommitment', 'costCommitment', 'conditions'] as const;
const REQUIRED = new Set(['organisationName', 'organisationType', 'contactName', 'capability', 'approach', 'kpiCommitment', 'timeCommitment']);

function PublicProblemCard({ p, consentPurpose }: { p: PublicProblem; consentPurpose: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const text = (k: MessageKey, v: string | null) => (v ? <><dt>{t(k)}</dt><dd>{v}</dd></> : null);
  return (
    <article className="public-problem" aria-labelledby={`pp-${p.code}`}>
      <h2 id={`pp-${p.code}`}>{p.name}</h2>
      <p className="meta">{p.fields.map((f) => t(fieldKey(f))).join(', ')}{p.areaType ? ` · ${t(areaKey(p.areaType))}` : ''} · {t('problems.receivingUnit')}: {p.receivingUnit.name}</p>
      <dl className="problem-text">
        {text('problems.f.problem', p.problem)}
        {text('problems.f.managementNeed', p.managementNeed)}
        {text('problems.f.pilotScope', p.pilotScope)}
        {text('problems.dataInputs', p.dataInputs)}
        {text('problems.outputStandards', p.outputStandards)}
        {text('problems.sandbox', p.sandboxConditions)}
      </dl>
      {open ? <SolutionForm code={p.code} consentPurpose={consentPurpose} /> : <button type="button" className="button" onClick={() => setOpen(true)}>{t('problems.sol.send')}</button>}
    </article>
  );
}

function SolutionForm({ code, consentPurpose }: { code: string; consentPurpose: string }) {
  const { t, lang } = useI18n();
  // When the form was opened: the server refuses forms sent too fast (a bot's signature).
  const [startedAt] = useState(() => new Date().toISOString());
  const [values, setValues] = useState<Record<string, string>>({ organisationType: '' });
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = errorsByField(error, lang);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() || null])), consent, website, startedAt };
      const res = await api<{ id: number }>(`/api/v1/public/problems/${encodeURIComponent(code)}/solutions`, { method: 'POST', body: JSON.stringify(body) });
      setSent(res.id);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (sent !== null) return <p role="status" className="notice ok">{t('problems.sol.sent')} {sent}.</p>;
  const status = error instanceof ApiError ? error.status : 0;
  // 'form': a filled honeypot or a form sent too fast; the server does not say which, nor do we.
  const general = status === 429 ? t('problems.sol.rateLimited') : errors.has('form') ? `${errors.get('form')!.join(' ')} — ${t('problems.sol.tooFast')}` : errors.get('')?.join(' ');
  const id = (k: string) => `sol-${code}-${k}`;
  const described = (k: string) => ({ 'aria-invalid': errors.has(k) || undefined, 'aria-describedby': errors.has(k) ? `${id(k)}-error` : undefined });
  const input = (k: string, multiline = false, type = 'text') => (
    <div className="form-row" key={k}>
      <label htmlFor={id(k)}>{t(`problems.sol.${k}` as MessageKey)}{REQUIRED.has(k) ? ' *' : ''}</label>
      {multiline
        ? <textarea id={id(k)} name={k} rows={3} value={values[k] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} {...described(k)} />
        : <input id={id(k)} name={k} type={type} value={values[k] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} {...described(k)} />}
      <FieldError id={`${id(k)}-error`} messages={errors.get(k)} />
    </div>
  );
  return (
    <form className="solution-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('problems.sol.send')}>
      {general && <p role="alert" className="notice">{general}</p>}
      {input('organisationName')}
      <div className="form-row">
        <label htmlFor={id('organisationType')}>{t('problems.sol.organisationType')} *</label>
        <select id={id('organisationType')} value={values.organisationType ?? ''} onChange={(e) => setValues((v) => ({ ...v, organisationType: e.target.value }))} {...described('organisationType')}>
          <option value="">—</option>
          {['university', 'institute', 'company'].map((o) => <option key={o} value={o}>{t(`problems.org.${o}` as MessageKey)}</option>)}
        </select>
        <FieldError id={`${id('organisationType')}-error`} messages={errors.get('organisationType')} />
      </div>
      {input('contactName')}
      {input('contactEmail', false, 'email')}
      {input('contactPhone', false, 'tel')}
      {TEXT_FIELDS.map((k) => input(k, true))}
      {/* Honeypot: hidden from people and screen readers; a bot that fills it is refused. */}
      <div className="hp" aria-hidden="true">
        <label htmlFor={id('website')}>{t('problems.sol.website')}</label>
        <input id={id('website')} name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
      </div>
      <div className="form-row consent">
        <label className="check">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} {...described('consent')} />
          <span>{t('problems.sol.consent')} <span className="purpose">{consentPurpose}</span></span>
        </label>
        <FieldError id={`${id('consent')}-error`} messages={errors.get('consent')} />
      </div>
      <button type="submit" className="button" disabled={busy}>{t('problems.sol.send')}</button>
    </form>
  );
}
