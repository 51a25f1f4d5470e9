import { useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { LoadState } from '../leader/shared.tsx';
import { useApi } from '../leader/use-api.ts';
import { errorsByField, FieldError } from './FieldErrors.tsx';
import { FIELDS, fieldKey, stateKey, type ProblemSummary } from './problems-data.ts';
import './problems.css';

const TEXTS = ['problem', 'currentHandling', 'managementNeed', 'pilotScope', 'dataAvailable'] as const;
const CONTACT = ['contactName', 'contactTitle', 'contactPhone', 'contactEmail'] as const;
const REQUIRED = new Set(['name', 'problem', 'currentHandling', 'managementNeed', 'pilotScope', 'contactName']);

/** Mẫu 01, "Đề xuất bài toán": a ward describes a problem; the server checks the intake rules. */
export function ProposePage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [values, setValues] = useState<Record<string, string>>({});
  const [fields, setFields] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<ProblemSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const unit = user?.unit ?? '';
  const own = useApi<{ problems: ProblemSummary[] }>(unit ? `/api/v1/problems?unit=${encodeURIComponent(unit)}` : null);
  const errors = errorsByField(error, lang);
  const words = TEXTS.reduce((n, k) => n + (values[k]?.trim().split(/\s+/).filter(Boolean).length ?? 0), 0);
  const set = (k: string, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSent(null);
    try {
      const body = { unit, fields, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() || null])) };
      const created = await api<ProblemSummary>('/api/v1/problems', { method: 'POST', body: JSON.stringify(body) });
      setSent(created);
      setError(null);
      setValues({});
      setFields([]);
      own.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const input = (k: string, multiline: boolean) => {
    const id = `p-${k}`;
    const label = t(`problems.f.${k}` as MessageKey);
    const props = {
      id, name: k, value: values[k] ?? '', required: REQUIRED.has(k),
      'aria-invalid': errors.has(k) || undefined, 'aria-describedby': errors.has(k) ? `${id}-error` : undefined,
      onChange: (ev: { target: { value: string } }) => set(k, ev.target.value),
    };
    return (
      <div className="form-row" key={k}>
        <label htmlFor={id}>{label}{REQUIRED.has(k) ? ' *' : ''}</label>
        {multiline ? <textarea rows={4} {...props} /> : <input type={k === 'contactEmail' ? 'email' : k === 'contactPhone' ? 'tel' : 'text'} {...props} />}
        <FieldError id={`${id}-error`} messages={errors.get(k)} />
      </div>
    );
  };
  return (
    <section className="problems">
      <h1>{t('problems.propose')}</h1>
      <p>{t('problems.proposeIntro')}</p>
      <form className="problem-form" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && <p role="alert" className="notice">{t('problems.refused')}{errors.get('') ? `: ${errors.get('')!.join(' ')}` : ''}</p>}
        {sent && <p role="status" className="notice ok">{t('problems.sent')}: <Link to={`/problems/${sent.code}`}>{sent.code}</Link> — {sent.name}</p>}
        {input('name', false)}
        <fieldset aria-describedby={errors.has('fields') ? 'p-fields-error' : undefined}>
          <legend>{t('problems.f.fields')} *</legend>
          {FIELDS.map((f) => (
            <label key={f} className="check">
              <input type="checkbox" checked={fields.includes(f)} disabled={!fields.includes(f) && fields.length >= 2}
                onChange={(ev) => setFields((old) => (ev.target.checked ? [...old, f] : old.filter((x) => x !== f)))} />
              {t(fieldKey(f))}
            </label>
          ))}
          <FieldError id="p-fields-error" messages={errors.get('fields')} />
        </fieldset>
        <p className="hint">{t('problems.hintNoTech')}</p>
        {TEXTS.map((k) => input(k, true))}
        <p className="hint" aria-live="polite">{words} {t('problems.words')}</p>
        <fieldset>
          <legend>{t('problems.contact')}</legend>
          {CONTACT.map((k) => input(k, false))}
        </fieldset>
        <button type="submit" className="button" disabled={busy || !unit}>{t('problems.submit')}</button>
      </form>
      <h2>{t('problems.own')}</h2>
      <LoadState state={own}>
        {(d) => d.problems.length === 0 ? <p>{t('common.none')}</p> : (
          <div className="table-wrap">
            <table className="own-problems">
              <thead><tr><th scope="col">{t('problems.code')}</th><th scope="col">{t('problems.f.name')}</th><th scope="col">{t('problems.state')}</th><th scope="col">{t('problems.updated')}</th></tr></thead>
              <tbody>
                {d.problems.map((p) => (
                  <tr key={p.code}><td>{p.code}</td><td><Link to={`/problems/${p.code}`}>{p.name}</Link></td><td>{t(stateKey(p.state))}{p.mergedInto ? ` → ${p.mergedInto}` : ''}</td><td>{formatDate(p.updatedAt)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
    </section>
  );
}
