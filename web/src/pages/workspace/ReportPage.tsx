import { useEffect, useState } from 'react';
import { api, ApiError, type ApiProblem } from '../../app/api.ts';
import { useServerWords } from '../../app/use-server-words.ts';
import { formatDate, formatNumber, formatTypedNumber, parseLocaleNumber } from '../../app/format.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { currentMonth, ErrorNote, parseVietnameseNumber, StateBadge, useApiGet, useErrorText, WorkspaceFrame } from './shared.tsx';
import type { Obligation, ReportContent, ReportEvent, ReportTargetLine, Submission } from './types.ts';

/** The unit's monthly report: pre-filled figures to confirm or correct, task progress, difficulties, proposals. */
export function ReportPage() {
  return (
    <WorkspaceFrame title="report.title">
      <ReportWorkspace />
    </WorkspaceFrame>
  );
}

function ReportWorkspace() {
  const { t } = useI18n();
  const { user } = useSession();
  const { location, navigate } = useRouter();
  const unit = location.query.get('unit') ?? user?.unit ?? '';
  const period = location.query.get('period') ?? currentMonth();
  const obligations = useApiGet<{ obligations: Obligation[] }>(unit ? `/api/v1/reporting/obligations?unit=${encodeURIComponent(unit)}` : null);
  const monthly = (obligations.data?.obligations ?? []).filter((o) => o.active && o.cycle === 'monthly');
  const chosen = location.query.get('obligation') ?? (monthly[0] ? String(monthly[0].id) : null);

  const setQuery = (changes: Record<string, string>) => {
    const q = new URLSearchParams(location.query);
    for (const [k, v] of Object.entries(changes)) q.set(k, v);
    navigate(`/workspace?${q.toString()}`);
  };

  return (
    <>
      <div className="ws-filters">
        {(monthly.length > 0 || chosen) && <label>
          {t('report.obligation')}
          <select value={chosen ?? ''} onChange={(e) => setQuery({ obligation: e.target.value })} disabled={monthly.length === 0}>
            {monthly.map((o) => (
              <option key={o.id} value={o.id}>{o.unit.name}{o.recipient ? ` → ${o.recipient.name}` : ''}</option>
            ))}
            {chosen && !monthly.some((o) => String(o.id) === chosen) && <option value={chosen}>#{chosen}</option>}
          </select>
        </label>}
        <label>
          {t('report.period')}
          <input type="month" value={period} onChange={(e) => e.target.value && setQuery({ period: e.target.value })} />
        </label>
      </div>
      <ErrorNote error={obligations.error} />
      {obligations.loading && <p>{t('common.loading')}</p>}
      {!obligations.loading && !obligations.error && !chosen && <p>{t('report.none')}</p>}
      {chosen && <SubmissionEditor key={`${chosen}|${period}`} obligationId={chosen} period={period} />}
    </>
  );
}

interface TaskEdit { progress: string; status: string; evidence: string; note: string }
/** A target line as the form holds it: the typed figure stays text until it is sent. */
interface TargetEdit { confirmed: boolean; note: string; manual: string; evidence: string; noData: boolean; reason: string }

/** A target a unit must give a figure for itself: no system figure for it (or no indicator at all). */
const takesManualFigure = (line: ReportTargetLine) => line.status !== 'qualitative' && (line.value === null || line.indicator === null || Boolean(line.manual));

/** A problem from the API in the reader's words: the line it concerns, then what is wrong (said by the server in the page's language). */
function useProblemText(): (p: ApiProblem) => string {
  const { t } = useI18n();
  const words = useServerWords();
  return (p) => {
    const target = /^targets\.(.+?)(\.(value|evidence|noDataReason))?$/.exec(p.field ?? '');
    const where = target ? `${t('problem.field.target')} ${target[1]}`
      : p.field === 'difficulties' || p.field === 'proposals' ? t(`problem.field.${p.field}` as MessageKey)
      : p.field ?? '';
    return where ? `${where}: ${words.problem(p)}` : words.problem(p);
  };
}

function SubmissionEditor({ obligationId, period }: { obligationId: string; period: string }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [submission, setSubmission] = useState<Submission | null>(null);
  const [events, setEvents] = useState<ReportEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [targets, setTargets] = useState<Record<number, TargetEdit>>({});
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [toConfirm, setToConfirm] = useState<ApiProblem[]>([]);
  /** Someone saved the report after it was loaded here: nothing of this form was stored yet. */
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const problemText = useProblemText();
  const [tasks, setTasks] = useState<Record<number, TaskEdit>>({});
  const [difficulties, setDifficulties] = useState('');
  const [proposals, setProposals] = useState('');

  const adopt = (s: Submission) => {
    setSubmission(s);
    const c = s.content;
    setTargets(Object.fromEntries(c.targets.map((x) => [x.targetId, {
      confirmed: x.confirmed, note: x.note,
      // Shown back as typed in the page's language ("1.234,5").
      manual: x.manual ? formatTypedNumber(x.manual.value, lang) : '', evidence: x.manual?.evidence ?? '',
      noData: Boolean(x.noData), reason: x.noData?.reason ?? '',
    }])));
    setTasks(Object.fromEntries(c.tasks.map((x) => [x.taskId, { progress: String(x.progress ?? 0), status: x.status ?? '', evidence: x.evidence, note: x.note }])));
    setDifficulties(c.difficulties);
    setProposals(c.proposals);
  };
  const loadEvents = async (id: number) => {
    const full = await api<Submission & { events: ReportEvent[] }>(`/api/v1/reporting/submissions/${id}`);
    setEvents(full.events);
  };

  useEffect(() => {
    let live = true;
    api<Submission>(`/api/v1/reporting/obligations/${obligationId}/submissions/${period}`, { method: 'POST' })
      .then(async (s) => {
        if (!live) return;
        adopt(s);
        await loadEvents(s.id);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [obligationId, period]);

  if (error && !submission) return <ErrorNote error={error} />;
  if (!submission) return <p>{t('common.loading')}</p>;
  const content: ReportContent = submission.content;
  const editable = submission.state === 'draft' || submission.state === 'returned';
  const comments = events.filter((e) => e.comment);

  const setTarget = (id: number, patch: Partial<TargetEdit>) => setTargets({
    ...targets, [id]: { ...(targets[id] ?? { confirmed: false, note: '', manual: '', evidence: '', noData: false, reason: '' }), ...patch },
  });
  // A figure that does not read as a number is named before anything is sent.
  const unreadable = content.targets.filter((x) => {
    const typed = targets[x.targetId]?.manual.trim() ?? '';
    return typed !== '' && !Number.isFinite(parseLocaleNumber(typed, lang));
  });
  const edits = () => ({
    targets: content.targets.map((x) => {
      const e = targets[x.targetId];
      const typed = e?.manual.trim() ?? '';
      const value = parseLocaleNumber(typed, lang);
      return {
        targetId: x.targetId, confirmed: e?.confirmed ?? false, note: e?.note ?? '',
        ...(takesManualFigure(x) ? {
          manual: typed && !e?.noData && Number.isFinite(value) ? { value, evidence: e?.evidence ?? '' } : null,
          noDataReason: e?.noData ? e.reason : null,
        } : {}),
      };
    }),
    tasks: content.tasks.map((x) => {
      const e = tasks[x.taskId];
      const progress = parseVietnameseNumber(e?.progress ?? '');
      return {
        taskId: x.taskId,
        ...(Number.isFinite(progress) ? { progress: Math.max(0, Math.min(100, progress)) } : {}),
        ...(e?.status ? { status: e.status } : {}),
        evidence: e?.evidence ?? '',
        note: e?.note ?? '',
      };
    }),
    difficulties,
    proposals,
  });

  const run = async (action: () => Promise<Submission>, message: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setProblems([]);
    setToConfirm([]);
    setConflict(null);
    if (unreadable.length) {
      setProblems(unreadable.map((x) => ({ field: `targets.${x.code}.value`, code: 'report.figure_invalid', message: t('report.figureUnreadable') })));
      setBusy(false);
      return;
    }
    try {
      const s = await action();
      adopt(s);
      await loadEvents(s.id);
      setNotice(message);
    } catch (e) {
      const listed = e instanceof ApiError && e.status === 422 ? e.errors : [];
      // The draft was saved before the submission was refused: show it as stored. This comes before the
      // problems are shown, so nothing the user types in answer to them is overwritten by the stored copy.
      if (listed.length) {
        const stored = await api<Submission>(`/api/v1/reporting/submissions/${submission.id}`).catch(() => null);
        if (stored) adopt(stored);
      }
      // Only empty parts left: the unit is asked to confirm exactly those; anything else is to fix.
      if (e instanceof ApiError && e.status === 409 && e.code === 'report.changed_meanwhile') setConflict(e);
      else if (listed.length && listed.every((p) => p.code === 'report.empty_unconfirmed')) setToConfirm(listed);
      else if (listed.length) setProblems(listed);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  // The form sends every line it shows: `basedOn` lets the server refuse it when someone saved the
  // report since (it would put back what they changed); `anyway` is the person's explicit choice.
  const save = (anyway = false) => api<Submission>(`/api/v1/reporting/submissions/${submission.id}`, {
    method: 'PATCH', body: JSON.stringify({ ...edits(), ...(anyway ? {} : { basedOn: submission.updatedAt }) }),
  });
  const onSave = () => run(() => save(), t('ws.saved'));
  const onSaveAnyway = () => run(() => save(true), t('ws.saved'));
  const onLoadLatest = () => run(() => api<Submission>(`/api/v1/reporting/submissions/${submission.id}`), t('report.loadedLatest'));
  const onSubmit = (confirmEmpty: string[] = []) => run(async () => {
    await save();
    return api<Submission>(`/api/v1/reporting/submissions/${submission.id}/submit`, { method: 'POST', body: JSON.stringify({ confirmEmpty }) });
  }, t('report.submitted'));
  const onCorrect = (line: ReportTargetLine, value: number, evidenceUrl: string, note: string) => run(async () => {
    await save();
    await api('/api/v1/observations', {
      method: 'POST',
      body: JSON.stringify({
        source: 'web',
        observations: [{
          indicator: line.indicator,
          unit: content.unit.code,
          period: line.valuePeriod ?? period,
          value,
          ...(evidenceUrl ? { evidenceUrl } : {}),
          ...(note ? { note, reason: note } : {}),
        }],
      }),
    });
    return api<Submission>(`/api/v1/reporting/obligations/${obligationId}/submissions/${period}?refresh=true`, { method: 'POST' });
  }, t('report.corrected'));

  return (
    <section aria-labelledby="report-head">
      <div className="ws-summary card">
        <h2 id="report-head">{content.unit.name} — {content.period.label}</h2>
        <dl>
          <div><dt>{t('report.state')}</dt><dd><StateBadge state={submission.state} /></dd></div>
          <div><dt>{t('report.dueBefore')}</dt><dd>{formatDate(content.dueBefore)}</dd></div>
          {content.recipient && <div><dt>{t('report.recipient')}</dt><dd>{content.recipient.name}</dd></div>}
        </dl>
        <p className="ws-downloads">
          {t('report.downloads')}:{' '}
          {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
            <a key={f} href={`/api/v1/reports/${encodeURIComponent(content.unit.code)}/${content.period.code}.${f}`} download>{f.toUpperCase()}</a>
          ))}
        </p>
      </div>

      {comments.length > 0 && (
        <div className={`card ws-comments${submission.state === 'returned' ? ' ws-returned' : ''}`}>
          <h2>{t('report.comments')}</h2>
          <ul>
            {comments.map((e) => (
              <li key={e.id}><strong>{t(`event.${e.event}` as MessageKey) ?? e.event}</strong> · {formatDate(e.at)} · <span title={e.actor}>{e.actorName}</span>: <q>{e.comment}</q></li>
            ))}
          </ul>
        </div>
      )}
      {!editable && <p className="ws-info">{t('report.readOnly')}</p>}

      <h2>{t('report.targets')}</h2>
      {content.targets.length === 0 ? <p>{t('common.none')}</p> : (
        <ul className="ws-items">
          {content.targets.map((line) => (
            <li key={line.targetId} className="card">
              <p className="ws-item-title"><strong>{line.code}</strong> {line.text}</p>
              <dl className="ws-facts">
                <div><dt>{t('report.goal')}</dt><dd>{line.goal}</dd></div>
                <div><dt>{t('report.value')}</dt><dd>{line.value === null ? t('report.noValue') : `${formatNumber(line.value, lang)}${line.measure ? ` ${line.measure}` : ''}`}{line.valuePeriod ? ` (${line.valuePeriod})` : ''}</dd></div>
                <div><dt>{t('report.source')}</dt><dd>{line.source ? `${line.source.system} · ${line.source.origin} · ${formatDate(line.source.recordedAt)}` : '—'}</dd></div>
                <div><dt>{t('report.status')}</dt><dd>{line.status === 'qualitative' ? t('status.qualitative') : <StatusBadge status={line.status} />}</dd></div>
              </dl>
              {line.value !== null && <label className="ws-check">
                <input
                  type="checkbox"
                  disabled={!editable}
                  checked={targets[line.targetId]?.confirmed ?? false}
                  onChange={(e) => setTarget(line.targetId, { confirmed: e.target.checked })}
                />
                {t('report.confirm')}
              </label>}
              {takesManualFigure(line) && (
                <fieldset className="ws-manual" data-testid={`manual-${line.code}`}>
                  <legend>{t('report.manual')}{line.manual ? ` · ${line.manual.observationId ? t('report.manualApproved') : t('report.manualPending')}` : ''}</legend>
                  {editable && <p className="ws-muted">{t('report.manualHint')}</p>}
                  <div className="ws-grid">
                    <label>{t('report.manualValue')}{line.measure ? ` (${line.measure})` : ''}
                      <input inputMode="decimal" value={targets[line.targetId]?.manual ?? ''} disabled={!editable || targets[line.targetId]?.noData}
                        aria-invalid={unreadable.some((x) => x.targetId === line.targetId) || undefined}
                        onChange={(e) => setTarget(line.targetId, { manual: e.target.value })} />
                    </label>
                    <label>{t('report.manualEvidence')}
                      <input value={targets[line.targetId]?.evidence ?? ''} disabled={!editable || targets[line.targetId]?.noData} onChange={(e) => setTarget(line.targetId, { evidence: e.target.value })} />
                    </label>
                  </div>
                  <label className="ws-check">
                    <input type="checkbox" disabled={!editable} checked={targets[line.targetId]?.noData ?? false} onChange={(e) => setTarget(line.targetId, { noData: e.target.checked })} />
                    {t('report.noData')}
                  </label>
                  {targets[line.targetId]?.noData && (
                    <label>{t('report.noDataReason')}
                      <input value={targets[line.targetId]?.reason ?? ''} disabled={!editable} onChange={(e) => setTarget(line.targetId, { reason: e.target.value })} />
                    </label>
                  )}
                </fieldset>
              )}
              <label>
                {t('report.note')}
                <input
                  value={targets[line.targetId]?.note ?? ''}
                  disabled={!editable}
                  onChange={(e) => setTarget(line.targetId, { note: e.target.value })}
                />
              </label>
              {editable && <Correction line={line} busy={busy} onCorrect={(v, url, note) => void onCorrect(line, v, url, note)} />}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('report.tasks')}</h2>
      {content.tasks.length === 0 ? <p>{t('common.none')}</p> : (
        <ul className="ws-items">
          {content.tasks.map((line) => {
            const e = tasks[line.taskId] ?? { progress: '0', status: '', evidence: '', note: '' };
            const set = (patch: Partial<TaskEdit>) => setTasks({ ...tasks, [line.taskId]: { ...e, ...patch } });
            return (
              <li key={line.taskId} className="card">
                <p className="ws-item-title"><strong>{line.code}</strong> {line.title}</p>
                <p className="ws-muted">{t('report.due')}: {line.due ?? '—'}</p>
                <div className="ws-grid">
                  <label>{t('report.progress')}<input inputMode="decimal" value={e.progress} disabled={!editable} onChange={(ev) => set({ progress: ev.target.value })} /></label>
                  <label>{t('report.evidence')}<input value={e.evidence} disabled={!editable} onChange={(ev) => set({ evidence: ev.target.value })} /></label>
                  <label>{t('report.note')}<input value={e.note} disabled={!editable} onChange={(ev) => set({ note: ev.target.value })} /></label>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <label className="ws-block">
        {t('report.difficulties')}
        <textarea rows={4} value={difficulties} disabled={!editable} onChange={(e) => setDifficulties(e.target.value)} />
      </label>
      <label className="ws-block">
        {t('report.proposals')}
        <textarea rows={4} value={proposals} disabled={!editable} onChange={(e) => setProposals(e.target.value)} />
      </label>

      {error !== null && <p role="alert" className="ws-error">{errorText(error)}</p>}
      {problems.length > 0 && (
        <div role="alert" className="ws-error" data-testid="submit-problems">
          <p>{t('report.cannotSubmit')}</p>
          <ul>{problems.map((p, i) => <li key={i}>{problemText(p)}</li>)}</ul>
        </div>
      )}
      {toConfirm.length > 0 && (
        <div role="alertdialog" aria-labelledby="confirm-empty-title" className="card ws-confirm" data-testid="confirm-empty">
          <p id="confirm-empty-title"><strong>{t('report.confirmEmptyTitle')}</strong></p>
          <ul>{toConfirm.map((p, i) => <li key={i}>{problemText(p)}</li>)}</ul>
          <div className="ws-actions">
            <button type="button" className="ws-secondary" disabled={busy} onClick={() => setToConfirm([])}>{t('report.cancel')}</button>
            <button type="button" className="primary" disabled={busy} onClick={() => void onSubmit(toConfirm.flatMap((p) => (p.field ? [p.field] : [])))}>{t('report.confirmEmpty')}</button>
          </div>
        </div>
      )}
      {conflict && (
        <div role="alertdialog" aria-labelledby="report-conflict-title" className="card ws-confirm" data-testid="report-conflict">
          <p id="report-conflict-title"><strong>{errorText(conflict)}</strong></p>
          <div className="ws-actions">
            <button type="button" className="ws-secondary" disabled={busy} onClick={() => void onLoadLatest()}>{t('report.loadLatest')}</button>
            <button type="button" className="primary" disabled={busy} onClick={() => void onSaveAnyway()}>{t('report.saveAnyway')}</button>
          </div>
        </div>
      )}
      {notice && <p role="status" className="ws-ok">{notice}</p>}
      {editable && (
        <div className="ws-actions">
          <button type="button" className="ws-secondary" disabled={busy} onClick={() => void onSave()}>{t('report.saveDraft')}</button>
          <button type="button" className="primary" disabled={busy || toConfirm.length > 0} onClick={() => void onSubmit()}>{t('report.submit')}</button>
        </div>
      )}

      <h2>{t('report.history')}</h2>
      <ol className="ws-history">
        {events.map((e) => (
          <li key={e.id}>{formatDate(e.at)} — {t(`event.${e.event}` as MessageKey) ?? e.event} (<span title={e.actor}>{e.actorName}</span>){e.comment ? `: ${e.comment}` : ''}</li>
        ))}
      </ol>
    </section>
  );
}

/** Correcting a figure is a manual observation that must carry evidence (a URL or an explanation). */
function Correction({ line, busy, onCorrect }: { line: ReportTargetLine; busy: boolean; onCorrect: (value: number, evidenceUrl: string, note: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // A target no indicator measures takes its figure in the "số liệu tự khai" part above.
  if (!line.indicator) return null;
  return (
    <details className="ws-correct">
      <summary>{t('report.correct')}</summary>
      <div className="ws-grid">
        <label>{t('report.correctValue')}<input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} /></label>
        <label>{t('report.evidenceUrl')}<input type="url" value={url} onChange={(e) => setUrl(e.target.value)} /></label>
        <label>{t('report.evidenceNote')}<input value={note} onChange={(e) => setNote(e.target.value)} /></label>
      </div>
      {problem && <p role="alert" className="ws-error">{problem}</p>}
      <button
        type="button"
        className="ws-secondary"
        disabled={busy}
        onClick={() => {
          const v = parseVietnameseNumber(value);
          if (!value.trim() || !Number.isFinite(v)) return setProblem(`${t('report.correctValue')}?`);
          if (!url.trim() && !note.trim()) return setProblem(t('report.correctNeedEvidence'));
          setProblem(null);
          onCorrect(v, url.trim(), note.trim());
        }}
      >
        {t('report.correctSave')}
      </button>
    </details>
  );
}
