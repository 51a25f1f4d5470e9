import { useEffect, useMemo, useState } from 'react';
import { api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { DraftReview } from './DraftReview.tsx';
import { useErrorText } from './shared.tsx';

interface DraftUnit { name: string; code: string | null; collective: boolean }
interface DraftItem { lead: DraftUnit[]; partners: DraftUnit[]; monitor?: DraftUnit[]; source: { line: number } }
interface PlanDraft {
  plan: { title: string; code: string | null; issuer: string | null; issuedOn: string | null };
  targets: DraftItem[];
  tasks: DraftItem[];
  warnings: { line: number; code: string; message: string }[];
}
interface AppliedCorrection { name: string; code: string; references: number; lines: number[] }
interface ImportResult { planId: number; versionNo: number; status: string; published: boolean; draft: PlanDraft; corrections?: AppliedCorrection[] }
interface UnitOption { code: string; name: string }

/** Names the extractor could not tie to exactly one registry unit, with the lines they appear on. */
export function unresolvedNames(draft: PlanDraft): { name: string; lines: number[]; ambiguous: boolean }[] {
  const byName = new Map<string, Set<number>>();
  for (const item of [...draft.targets, ...draft.tasks]) {
    for (const u of [...item.lead, ...item.partners, ...(item.monitor ?? [])]) {
      if (u.code !== null || u.collective) continue;
      const lines = byName.get(u.name) ?? new Set<number>();
      lines.add(item.source.line);
      byName.set(u.name, lines);
    }
  }
  const ambiguousLines = new Set(draft.warnings.filter((w) => w.code.includes('ambiguous')).map((w) => w.line));
  return [...byName].map(([name, lines]) => {
    const sorted = [...lines].sort((a, b) => a - b);
    return { name, lines: sorted, ambiguous: sorted.some((l) => ambiguousLines.has(l)) };
  });
}

/** The corrections the server takes: name as the draft writes it → chosen registry code. */
function correctionsOf(choices: Record<string, UnitOption>): Record<string, string> {
  return Object.fromEntries(Object.entries(choices).map(([name, unit]) => [name, unit.code]));
}

/** Uploads the plan with the chosen unit codes (multipart field "units", a JSON object) when there are any. */
function send(file: File, query: string, units: Record<string, string>): Promise<unknown> {
  const body = new FormData();
  if (Object.keys(units).length > 0) body.append('units', JSON.stringify(units));
  body.append('file', file, file.name);
  return api(`/api/v1/plans/import?${query}`, { method: 'POST', body });
}

/** Upload → preview of the extracted draft with its warnings → pick registry units for unresolved names → import and publish. */
export function ImportPlanPanel() {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  // The draft as extracted: the names to fix are listed from it, so a chosen name stays in the list.
  const [baseDraft, setBaseDraft] = useState<PlanDraft | null>(null);
  // The draft shown: the server's dry run with the chosen codes applied.
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [previewedWith, setPreviewedWith] = useState('{}');
  const [choices, setChoices] = useState<Record<string, UnitOption>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const names = useMemo(() => (baseDraft ? unresolvedNames(baseDraft) : []), [baseDraft]);
  const corrections = useMemo(() => correctionsOf(choices), [choices]);
  const correctionsKey = JSON.stringify(corrections);
  const number = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');

  // Each change of the chosen units re-runs the dry run with them, so the preview is what will be stored.
  useEffect(() => {
    if (!file || !baseDraft || correctionsKey === previewedWith) return;
    if (correctionsKey === '{}') {
      setDraft(baseDraft);
      setPreviewedWith('{}');
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      send(file, 'dryRun=true', JSON.parse(correctionsKey) as Record<string, string>).then(
        (res) => {
          if (!live) return;
          setDraft((res as { draft: PlanDraft }).draft);
          setPreviewedWith(correctionsKey);
          setError(null);
        },
        (e: unknown) => live && setError(e),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [file, baseDraft, correctionsKey, previewedWith]);

  const preview = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const res = (await send(file, 'dryRun=true', {})) as { draft: PlanDraft };
      setBaseDraft(res.draft);
      setDraft(res.draft);
      setPreviewedWith('{}');
      setChoices({});
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      // Stored as a draft: nothing is measured until the administrator publishes it below.
      setResult((await send(file, 'dryRun=false', corrections)) as ImportResult);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const choose = (name: string, unit: UnitOption | null) => {
    const next = { ...choices };
    if (unit) next[name] = unit;
    else delete next[name];
    setChoices(next);
    setResult(null);
  };
  const chosenCount = Object.keys(choices).length;
  const fixed = result?.corrections ?? [];

  return (
    <section aria-labelledby="import-head">
      <h2 id="import-head">{t('admin.import')}</h2>
      <div className="card ws-grid ws-form">
        <label>
          {t('admin.importFile')}
          <input
            type="file"
            name="plan"
            accept=".txt,.md,.docx,.xlsx,.pdf"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setBaseDraft(null);
              setDraft(null);
              setChoices({});
              setPreviewedWith('{}');
              setResult(null);
            }}
          />
        </label>
        <div className="ws-actions">
          <button type="button" className="primary" disabled={!file || busy} onClick={() => void preview()}>{t('admin.preview')}</button>
        </div>
      </div>
      {error !== null && <p role="alert" className="ws-error">{errorText(error)}</p>}
      {draft && (
        <>
          <h3>{t('admin.previewTitle')}</h3>
          <dl className="card ws-facts ws-draft-head">
            <div><dt>{t('admin.planTitle')}</dt><dd>{draft.plan.title}</dd></div>
            <div><dt>{t('admin.targetsCount')}</dt><dd data-testid="draft-targets">{number(draft.targets.length)}</dd></div>
            <div><dt>{t('admin.tasksCount')}</dt><dd data-testid="draft-tasks">{number(draft.tasks.length)}</dd></div>
            <div><dt>{t('admin.warnings')}</dt><dd data-testid="draft-warnings">{number(draft.warnings.length)}</dd></div>
          </dl>
          {names.length > 0 && (
            <>
              <h3>{t('admin.unitsToFix')} ({names.length})</h3>
              <p className="ws-muted">{t('admin.correctionsNote')}</p>
              <p className="ws-muted" aria-live="polite" data-testid="corrections-state">
                {t('admin.chosenCount').replace('{n}', number(chosenCount)).replace('{total}', number(names.length))}
                {chosenCount > 0 && (correctionsKey === previewedWith ? ` — ${t('admin.previewApplied')}` : ` — ${t('admin.previewUpdating')}`)}
              </p>
              <ul className="ws-items">
                {names.map((n) => (
                  <li key={n.name} className="card">
                    <p className="ws-item-title">
                      <strong>{n.name}</strong> — {n.ambiguous ? t('admin.ambiguous') : t('admin.unresolved')} · {t('admin.line')} {n.lines.join(', ')}
                    </p>
                    <UnitPicker name={n.name} chosen={choices[n.name] ?? null} onChoose={(u) => choose(n.name, u)} />
                    {choices[n.name] && (
                      <p className="ws-muted">
                        {t('admin.chosen')}: {choices[n.name]?.name} ({choices[n.name]?.code}){' '}
                        <button type="button" className="ws-secondary" onClick={() => choose(n.name, null)} aria-label={`${t('admin.clearChoice')}: ${n.name}`}>
                          {t('admin.clearChoice')}
                        </button>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="ws-actions">
            <button type="button" className="primary" disabled={busy || result !== null} onClick={() => void publish()}>{t('admin.saveDraft')}</button>
          </div>
          {result && (
            <div role="status" className="ws-ok">
              <p style={{ margin: 0 }}>
                {t(result.published ? 'admin.published' : 'admin.savedDraft')}: {result.draft.plan.title} — {t('admin.version')} {result.versionNo} ({t(`admin.importStatus.${result.status}` as MessageKey)})
              </p>
              {fixed.length > 0 && (
                <p data-testid="names-fixed" style={{ margin: '.25rem 0 0' }}>
                  {t('admin.namesFixed')
                    .replace('{n}', number(fixed.length))
                    .replace('{refs}', number(fixed.reduce((sum, c) => sum + c.references, 0)))}
                </p>
              )}
            </div>
          )}
          {result && <DraftReview planId={result.planId} versionNo={result.versionNo} onPublished={() => undefined} />}
          <h3>{t('admin.warnings')} ({number(draft.warnings.length)})</h3>
          <DataTable
            caption={t('admin.warnings')}
            exportName="canh-bao-nhap-ke-hoach"
            rows={draft.warnings.map((w, index) => ({ ...w, index }))}
            rowKey={(w) => String(w.index)}
            initialSort={{ key: 'line', direction: 'asc' }}
            columns={[
              { key: 'line', header: t('admin.line'), value: (w) => w.line, numeric: true, sortable: true },
              { key: 'code', header: t('admin.warningCode'), value: (w) => w.code, sortable: true },
              { key: 'message', header: t('admin.message'), value: (w) => w.message },
            ]}
          />
        </>
      )}
    </section>
  );
}

/** A registry search that ignores diacritics: suggestions from the resolver, then whatever the person types. */
function UnitPicker({ name, chosen, onChoose }: { name: string; chosen: UnitOption | null; onChoose: (u: UnitOption | null) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<UnitOption[]>([]);
  useEffect(() => {
    let live = true;
    const path = query.trim()
      ? `/api/v1/units?q=${encodeURIComponent(query.trim())}`
      : `/api/v1/units/resolve?name=${encodeURIComponent(name)}`;
    const timer = setTimeout(() => {
      api<{ units?: UnitOption[]; matches?: UnitOption[] }>(path).then(
        (res) => live && setOptions((res.units ?? res.matches ?? []).slice(0, 20)),
        () => live && setOptions([]),
      );
    }, query ? 250 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [name, query]);
  return (
    <div className="ws-grid">
      <label>
        {t('admin.searchUnit')}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-label={`${t('admin.searchUnit')}: ${name}`} />
      </label>
      <label>
        {t('admin.pickUnit')}
        <select
          value={chosen?.code ?? ''}
          aria-label={`${t('admin.pickUnit')}: ${name}`}
          onChange={(e) => {
            if (!e.target.value) return onChoose(null);
            const u = options.find((o) => o.code === e.target.value);
            if (u) onChoose(u);
          }}
        >
          <option value="">{options.length ? '—' : t('admin.noMatch')}</option>
          {chosen && !options.some((o) => o.code === chosen.code) && <option value={chosen.code}>{chosen.name} ({chosen.code})</option>}
          {options.map((o) => <option key={o.code} value={o.code}>{o.name} ({o.code})</option>)}
        </select>
      </label>
    </div>
  );
}
