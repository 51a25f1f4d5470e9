import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { refusalLines } from '../../app/server-messages.ts';
import { formatDate, formatNumber, formatOp, parseLocaleNumber } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { ERASED_CONTACT } from '../../../../src/domain/problems/erased-contact.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import type { EvaluatedTarget } from '../leader/leader-data.ts';
import { LoadState } from '../leader/shared.tsx';
import { useApi } from '../leader/use-api.ts';
import { errorsByField, FieldError } from './FieldErrors.tsx';
import { PilotEffectPanel } from './PilotEffectPanel.tsx';
import { areaKey, fieldKey, parseDayMonthYear, SCALES, stateKey, type Pilot, type ProblemDetail, type ProblemKpi, type Solution } from './problems-data.ts';
import './problems.css';

/** A failed call in the page's language: the refusal, then each wrong field by name. */
function useMessageOf(): (e: unknown) => string {
  const { lang } = useI18n();
  return (e) => {
    if (e instanceof ApiError) return refusalLines(e, lang, (x) => (x.field ? `${x.field}: ` : '')).join(' — ');
    return e instanceof Error ? e.message : String(e);
  };
}

/** One problem: its text, origins, history, KPIs (with their status), moves, solutions and pilots. */
export function ProblemPage({ code }: { code: string }) {
  const { t } = useI18n();
  const detail = useApi<ProblemDetail>(`/api/v1/problems/${encodeURIComponent(code)}`);
  return (
    <section className="problems">
      <p><Link to="/problems">{t('problems.catalogue')}</Link></p>
      <LoadState state={detail}>{(p) => <ProblemBody p={p} reload={detail.reload} />}</LoadState>
    </section>
  );
}

function ProblemBody({ p, reload }: { p: ProblemDetail; reload: () => void }) {
  const { t } = useI18n();
  const contactName = (name: string | null) => (name === ERASED_CONTACT ? t('problems.contactErased') : name);
  const [note, setNote] = useState('');
  const messageOf = useMessageOf();
  const [message, setMessage] = useState<{ ok: true; text: string } | { ok: false; error: unknown } | null>(null);
  const [scale, setScale] = useState(p.scaleClass ?? '');
  // The server says which moves this person may make on this problem now (the policy the move itself checks).
  const next = p.allowedTransitions.map((m) => m.to);
  const act = async (run: () => Promise<unknown>, ok: MessageKey) => {
    try {
      await run();
      setMessage({ ok: true, text: t(ok) });
      setNote('');
      reload();
    } catch (e) {
      setMessage({ ok: false, error: e });
    }
  };
  const move = (to: string) => act(() => api(`/api/v1/problems/${p.code}/transitions`, { method: 'POST', body: JSON.stringify({ to, note: note.trim() || null }) }), 'problems.moved');
  const saveScale = () => act(() => api(`/api/v1/problems/${p.code}`, { method: 'PATCH', body: JSON.stringify({ scaleClass: scale || null }) }), 'problems.moved');
  const text = (k: MessageKey, v: string | null) => (v ? <><dt>{t(k)}</dt><dd>{v}</dd></> : null);
  return (
    <>
      <h1>{p.name} <small>{p.code}</small></h1>
      <p>{t('problems.state')}: <strong className="state">{t(stateKey(p.state))}</strong>{p.mergedInto && <> · {t('problems.merged')} <Link to={`/problems/${p.mergedInto}`}>{p.mergedInto}</Link></>}</p>
      <dl className="problem-text">
        <dt>{t('problems.field')}</dt><dd>{p.fields.map((f) => t(fieldKey(f))).join(', ')}</dd>
        <dt>{t('problems.proposingUnit')}</dt><dd>{p.proposingUnit.name}</dd>
        <dt>{t('problems.receivingUnit')}</dt><dd>{p.receivingUnit.name}</dd>
        {p.areaType && <><dt>{t('problems.areaType')}</dt><dd>{t(areaKey(p.areaType))}</dd></>}
        {p.scaleClass && <><dt>{t('problems.scaleClass')}</dt><dd>{t(`problems.scale.${p.scaleClass}` as MessageKey)}</dd></>}
        {text('problems.f.problem', p.problem)}
        {text('problems.f.currentHandling', p.currentHandling)}
        {text('problems.f.managementNeed', p.managementNeed)}
        {text('problems.f.pilotScope', p.pilotScope)}
        {text('problems.f.dataAvailable', p.dataAvailable)}
        {p.contact?.name && <><dt>{t('problems.contact')}</dt><dd>{[contactName(p.contact.name), p.contact.title, p.contact.phone, p.contact.email].filter(Boolean).join(' · ')}</dd></>}
      </dl>
      {message && <p role={message.ok ? 'status' : 'alert'} className={`notice${message.ok ? ' ok' : ''}`}>{message.ok ? message.text : messageOf(message.error)}</p>}
      {next.length > 0 && (
        <section className="moves" aria-labelledby="h-moves">
          <h2 id="h-moves">{t('problems.moveTo')}</h2>
          {p.state === 'consolidated' && (
            <div className="form-row inline">
              <label htmlFor="scale">{t('problems.scaleClass')}</label>
              <select id="scale" value={scale} onChange={(e) => setScale(e.target.value)}>
                <option value="">—</option>
                {SCALES.map((s) => <option key={s} value={s}>{t(`problems.scale.${s}` as MessageKey)}</option>)}
              </select>
              <button type="button" className="button secondary" onClick={() => void saveScale()}>{t('problems.saveScale')}</button>
            </div>
          )}
          <div className="form-row">
            <label htmlFor="move-note">{t('problems.note')}</label>
            <input id="move-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <p className="move-buttons">{next.map((s) => <button key={s} type="button" className="button" onClick={() => void move(s)}>{t('problems.moveTo')}: {t(stateKey(s))}</button>)}</p>
        </section>
      )}
      {p.origins.length > 0 && (
        <section aria-labelledby="h-origins">
          <h2 id="h-origins">{t('problems.origins')}</h2>
          <ul>{p.origins.map((o) => <li key={o.code}><Link to={`/problems/${o.code}`}>{o.name}</Link> <small>{o.code} · {o.unit}</small></li>)}</ul>
        </section>
      )}
      <Kpis p={p} reload={reload} />
      <section aria-labelledby="h-history">
        <h2 id="h-history">{t('problems.history')}</h2>
        <div className="table-wrap">
          <table className="history">
            <thead><tr><th scope="col">{t('problems.date')}</th><th scope="col">{t('problems.from')}</th><th scope="col">{t('problems.to')}</th><th scope="col">{t('problems.actor')}</th><th scope="col">{t('problems.note')}</th></tr></thead>
            <tbody>{p.transitions.map((x, i) => <tr key={i}><td>{formatDate(x.at)}</td><td>{x.from ? t(stateKey(x.from)) : '—'}</td><td>{t(stateKey(x.to))}</td><td title={x.actor}>{x.actorName}</td><td>{x.note ?? ''}</td></tr>)}</tbody>
          </table>
        </div>
      </section>
      {['published', 'in_pilot', 'evaluated', 'scaled'].includes(p.state) && <Solutions code={p.code} />}
      <Pilots code={p.code} />
    </>
  );
}

function KpiStatus({ kpi }: { kpi: ProblemKpi }) {
  const ev = useApi<{ targets: EvaluatedTarget[] }>(`/api/v1/evaluation?target=${encodeURIComponent(kpi.target)}`);
  const status = ev.data?.targets.find((x) => x.code === kpi.target)?.status;
  return status ? <StatusBadge status={status} /> : <span>—</span>;
}

function Kpis({ p, reload }: { p: ProblemDetail; reload: () => void }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState({ indicator: '', op: '>=', baseline: '', goal: '', due: '', unit: p.receivingUnit.code });
  const [error, setError] = useState<unknown>(null);
  const errors = errorsByField(error, lang);
  const canAdd = p.state === 'consolidated' || p.state === 'appraised';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const due = parseDayMonthYear(form.due) ?? form.due;
      const baseline = form.baseline.trim() ? parseLocaleNumber(form.baseline, lang) : null;
      await api(`/api/v1/problems/${p.code}/kpis`, { method: 'POST', body: JSON.stringify({ indicator: form.indicator.trim(), op: form.op, baseline, goal: parseLocaleNumber(form.goal, lang), due, unit: form.unit.trim() }) });
      setError(null);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const field = (k: keyof typeof form, label: MessageKey) => (
    <div className="form-row" key={k}>
      <label htmlFor={`kpi-${k}`}>{t(label)}</label>
      <input id={`kpi-${k}`} value={form[k]} onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))} aria-invalid={errors.has(k) || undefined} aria-describedby={errors.has(k) ? `kpi-${k}-error` : undefined} />
      <FieldError id={`kpi-${k}-error`} messages={errors.get(k)} />
    </div>
  );
  return (
    <section aria-labelledby="h-kpis">
      <h2 id="h-kpis">{t('problems.kpis')}</h2>
      {p.kpis.length === 0 ? <p>{t('common.none')}</p> : (
        <div className="table-wrap">
          <table className="kpis">
            <thead><tr><th scope="col">KPI</th><th scope="col">{t('problems.kpiBaseline')}</th><th scope="col">{t('problems.kpiGoal')}</th><th scope="col">{t('problems.kpiDue')}</th><th scope="col">{t('problems.kpiStatus')}</th></tr></thead>
            <tbody>
              {p.kpis.map((k) => (
                <tr key={k.target}>
                  <td><Link to={`/targets/${encodeURIComponent(k.target)}`}>{k.indicatorName}</Link> <small>{k.target}</small></td>
                  <td>{formatNumber(k.baseline, lang, 2)}</td>
                  <td>{formatOp(k.op)} {formatNumber(k.goal, lang, 2)}</td>
                  <td>{formatDate(k.dueOn)}</td>
                  <td><KpiStatus kpi={k} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canAdd && (
        <form className="kpi-form" onSubmit={(e) => void submit(e)} noValidate>
          {errors.get('') && <p role="alert" className="notice">{errors.get('')!.join(' ')}</p>}
          {field('indicator', 'problems.kpiIndicator')}
          <div className="form-row">
            <label htmlFor="kpi-op">{t('problems.kpiOp')}</label>
            <select id="kpi-op" value={form.op} onChange={(e) => setForm((f) => ({ ...f, op: e.target.value }))}><option value=">=">≥</option><option value="<=">≤</option></select>
          </div>
          {field('baseline', 'problems.kpiBaseline')}
          {field('goal', 'problems.kpiGoal')}
          {field('due', 'problems.kpiDue')}
          {field('unit', 'problems.kpiUnit')}
          <button type="submit" className="button">{t('problems.addKpi')}</button>
        </form>
      )}
    </section>
  );
}

function Solutions({ code }: { code: string }) {
  const { t } = useI18n();
  const contactName = (name: string | null) => (name === ERASED_CONTACT ? t('problems.contactErased') : name);
  const list = useApi<{ solutions: Solution[] }>(`/api/v1/problems/${encodeURIComponent(code)}/solutions`);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const messageOf = useMessageOf();
  const [failure, setFailure] = useState<unknown>(null);
  // Only the receiving agency reads solutions (403 otherwise): say nothing rather than an error.
  if (list.error instanceof ApiError && (list.error.status === 403 || list.error.status === 404)) return null;
  const review = async (id: number, state: string) => {
    try {
      await api(`/api/v1/problems/${code}/solutions/${id}/review`, { method: 'POST', body: JSON.stringify({ state, note: notes[id]?.trim() || null }) });
      setFailure(null);
      list.reload();
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <section aria-labelledby="h-solutions">
      <h2 id="h-solutions">{t('problems.solutions')}</h2>
      {failure !== null && <p role="alert" className="notice">{messageOf(failure)}</p>}
      <LoadState state={list}>
        {(d) => d.solutions.length === 0 ? <p>{t('problems.solutionsNone')}</p> : (
          <ul className="solutions">
            {d.solutions.map((s) => (
              <li key={s.id} className="solution">
                <h3>{s.organisationName} <small>{t(`problems.org.${s.organisationType}` as MessageKey)} · {formatDate(s.submittedAt)}</small></h3>
                <p className="sol-state">{t('problems.state')}: <strong>{t(`problems.sol.state.${s.state}` as MessageKey)}</strong>{s.reviewerNote ? ` — ${s.reviewerNote}` : ''}</p>
                <p>{s.approach}</p>
                <p>{t('problems.sol.kpiCommitment')}: {s.commitments.kpi ?? '—'} · {t('problems.sol.timeCommitment')}: {s.commitments.time ?? '—'} · {t('problems.sol.costCommitment')}: {s.commitments.cost ?? '—'}</p>
                <p>{t('problems.contact')}: {[contactName(s.contact.name), s.contact.email, s.contact.phone].filter(Boolean).join(' · ')}</p>
                {(s.state === 'submitted' || s.state === 'shortlisted') && (
                  <div className="review">
                    <label htmlFor={`note-${s.id}`}>{t('problems.reviewNote')}</label>
                    <input id={`note-${s.id}`} value={notes[s.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [s.id]: e.target.value }))} />
                    {s.state === 'submitted' && <button type="button" className="button secondary" onClick={() => void review(s.id, 'shortlisted')}>{t('problems.shortlist')}</button>}
                    {s.state === 'shortlisted' && <button type="button" className="button" onClick={() => void review(s.id, 'selected')}>{t('problems.select')}</button>}
                    <button type="button" className="button secondary" onClick={() => void review(s.id, 'rejected')}>{t('problems.reject')}</button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </section>
  );
}

function Pilots({ code }: { code: string }) {
  const { t } = useI18n();
  const pilots = useApi<{ pilots: Pilot[] }>(`/api/v1/pilots?problem=${encodeURIComponent(code)}`);
  return (
    <section aria-labelledby="h-pilots">
      <h2 id="h-pilots">{t('problems.pilots')}</h2>
      <LoadState state={pilots}>
        {(d) => d.pilots.length === 0 ? <p>{t('problems.pilotsNone')}</p> : <>{d.pilots.map((pl) => <PilotEffectPanel key={pl.code} pilot={pl} unitName={(c) => c} withChart={false} />)}</>}
      </LoadState>
    </section>
  );
}
