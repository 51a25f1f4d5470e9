import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { refusalText } from '../../app/server-messages.ts';
import { useServerWords } from '../../app/use-server-words.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { IndicatorPicker } from '../../components/IndicatorPicker.tsx';
import { DraftItemEditor } from './DraftItemEditor.tsx';
import { useErrorText } from './shared.tsx';

interface DraftUnit { name: string; code: string | null; collective: boolean }
interface DraftDue { raw: string | null; kind: string; start: string | null; end: string | null }
interface DraftItem {
  seq: number | null;
  text?: string;
  title?: string;
  goal?: { op: string; value: number | null; raw: string };
  measure?: string | null;
  lead: DraftUnit[];
  partners: DraftUnit[];
  due: DraftDue;
  source: { line: number };
  indicator?: string | null;
  weight?: number;
  edited?: string[];
}
interface StoredDraft { targets: DraftItem[]; tasks: DraftItem[]; warnings: { line: number; code: string; message: string }[] }
interface Indicator { code: string; name: string; measure: string }

/** A due date as officials read it: the last day in dd/mm/yyyy, else the plan's own words. */
function dueText(due: DraftDue): string {
  if (due.end) return formatDate(due.end);
  return due.raw ?? '—';
}

/**
 * The stored draft of an imported plan, item by item, before it is published: each target and task
 * with its goal, due date, lead and partners, the warnings of its line beside it; the administrator
 * corrects any field — text, goal, measure, weight, lead and partners (units by name, without
 * diacritics), due date — and links a target to an indicator (searched the same way), then publishes.
 * Nothing here is measured until "Ban hành".
 */
export function DraftReview({ planId, versionNo, onPublished }: { planId: number; versionNo: number; onPublished: () => void }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<StoredDraft | null>(null);
  const [status, setStatus] = useState<string>('draft');
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/plans/${planId}/versions/${versionNo}`;

  const load = () => api<{ status: string; draft: StoredDraft }>(`${base}/draft`).then((res) => {
    setDraft(res.draft);
    setStatus(res.status);
  }, setError);
  useEffect(() => {
    void load();
    api<{ indicators: Indicator[] }>('/api/v1/indicators').then((res) => setIndicators(res.indicators), () => setIndicators([]));
  }, [planId, versionNo]);

  const save = async (kind: 'targets' | 'tasks', index: number, changes: Record<string, unknown>, message: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api(`${base}/${kind}/${index}`, { method: 'PATCH', body: JSON.stringify(changes) });
      await load();
      setNotice(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/plans/${planId}/publish?version=${versionNo}`, { method: 'POST' });
      setStatus('published');
      setNotice(t('draft.publishedNotice'));
      onPublished();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!draft) return error ? <p role="alert" className="ws-error">{errorText(error)}</p> : <p>{t('common.loading')}</p>;
  const editable = status === 'draft';
  const warningsAt = (line: number) => draft.warnings.filter((w) => w.line === line);
  const units = (list: DraftUnit[]) => list.map((u) => (u.code ? u.name : `${u.name} (?)`)).join('; ') || '—';

  const item = (kind: 'targets' | 'tasks', x: DraftItem, index: number) => (
    <li key={`${kind}-${index}`} className="card" data-testid={`draft-${kind}-${index}`}>
      <p className="ws-item-title"><strong>{x.seq ?? index + 1}.</strong> <span data-testid="text">{x.text ?? x.title}</span></p>
      <dl className="ws-facts">
        {kind === 'targets' && <div><dt>{t('report.goal')}</dt><dd data-testid="goal">{x.goal?.raw || '—'}</dd></div>}
        <div><dt>{t('report.due')}</dt><dd data-testid="due">{dueText(x.due)}</dd></div>
        <div><dt>{t('draft.lead')}</dt><dd data-testid="lead">{units(x.lead)}</dd></div>
        <div><dt>{t('draft.partners')}</dt><dd data-testid="partners">{units(x.partners)}</dd></div>
        {kind === 'targets' && x.measure && <div><dt>{t('draft.fieldMeasure')}</dt><dd data-testid="measure">{x.measure}</dd></div>}
        {kind === 'targets' && <div><dt>{t('draft.fieldWeight')}</dt><dd data-testid="weight">{formatNumber(x.weight ?? 1, lang)}</dd></div>}
        {kind === 'targets' && <div><dt>{t('draft.indicator')}</dt><dd data-testid="indicator">{x.indicator ?? t('draft.noIndicator')}</dd></div>}
        <div><dt>{t('admin.line')}</dt><dd>{x.source.line}</dd></div>
      </dl>
      {warningsAt(x.source.line).length > 0 && (
        <ul className="ws-warnings" aria-label={t('admin.warnings')}>
          {warningsAt(x.source.line).map((w, i) => <li key={i}>⚠ {w.message}</li>)}
        </ul>
      )}
      {(x.edited ?? []).length > 0 && <p className="ws-muted">{t('draft.edited')}: {(x.edited ?? []).join(', ')}</p>}
      {editable && (
        <DraftItemEditor
          key={JSON.stringify([x.text ?? x.title, x.goal?.raw, x.measure, x.weight, x.lead, x.partners])}
          kind={kind} index={index} busy={busy} error={error}
          label={`${t('draft.editItem')} ${x.seq ?? index + 1}`}
          item={{ text: x.text ?? x.title ?? '', goal: x.goal?.raw, measure: x.measure ?? null, weight: x.weight, lead: x.lead, partners: x.partners }}
          onSave={(changes) => void save(kind, index, changes, t('draft.saved'))}
        />
      )}
      {editable && <DueEditor key={`${x.due.end ?? x.due.raw}`} busy={busy} label={`${t('draft.dueFix')} ${x.seq ?? index + 1}`} initial={x.due.end ? formatDate(x.due.end) : (x.due.raw ?? '')} onSave={(due) => void save(kind, index, { due }, t('draft.saved'))} />}
      {editable && kind === 'targets' && <IndicatorPicker busy={busy} label={`${t('draft.indicatorFix')} ${x.seq ?? index + 1}`} indicators={indicators} onLink={(code) => void save(kind, index, { indicator: code }, t('draft.linked'))} />}
    </li>
  );

  return (
    <section aria-labelledby="draft-head" className="ws-draft-review">
      <h3 id="draft-head">{t('draft.title')} — {t('admin.version')} {versionNo} ({editable ? t('draft.stateDraft') : t('draft.statePublished')})</h3>
      {editable && <p className="ws-muted">{t('draft.note')}</p>}
      {error !== null && <ProblemList error={error} fallback={errorText(error)} />}
      {notice && <p role="status" className="ws-ok">{notice}</p>}
      <h4>{t('admin.targetsCount')} ({draft.targets.length})</h4>
      <ul className="ws-items ws-draft-items">{draft.targets.map((x, i) => item('targets', x, i))}</ul>
      <h4>{t('admin.tasksCount')} ({draft.tasks.length})</h4>
      <ul className="ws-items ws-draft-items">{draft.tasks.map((x, i) => item('tasks', x, i))}</ul>
      {editable && (
        <div className="ws-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void publish()}>{t('draft.publish')}</button>
        </div>
      )}
    </section>
  );
}

function ProblemList({ error, fallback }: { error: unknown; fallback: string }) {
  const { t, lang } = useI18n();
  const words = useServerWords();
  const list = error instanceof ApiError ? error.errors : [];
  // With its problems listed below, the refusal itself says only what failed.
  const head = error instanceof ApiError && list.length > 0 ? `${t('ws.error')} ${refusalText(error, lang)}` : fallback;
  return (
    <div role="alert" className="ws-error">
      <p style={{ margin: 0 }}>{head}</p>
      {list.length > 0 && <ul>{list.map((p, i) => <li key={i}>{p.field ? `${p.field}: ` : ''}{words.problem(p)}</li>)}</ul>}
    </div>
  );
}

function DueEditor({ initial, label, busy, onSave }: { initial: string; label: string; busy: boolean; onSave: (due: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  return (
    <div className="ws-grid ws-inline-edit">
      <label>{label}<input value={value} placeholder="dd/mm/yyyy" onChange={(e) => setValue(e.target.value)} /></label>
      <button type="button" className="ws-secondary" disabled={busy || !value.trim() || value === initial} onClick={() => onSave(value.trim())}>{t('draft.saveDue')}</button>
    </div>
  );
}
