import { useEffect, useMemo, useState } from 'react';
import { api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { useErrorText } from './shared.tsx';

interface DraftUnit { name: string; code: string | null; collective: boolean }
interface DraftItem { lead: DraftUnit[]; partners: DraftUnit[]; monitor?: DraftUnit[]; source: { line: number } }
interface PlanDraft {
  plan: { title: string; code: string | null; issuer: string | null; issuedOn: string | null };
  targets: DraftItem[];
  tasks: DraftItem[];
  warnings: { line: number; code: string; message: string }[];
}
interface ImportResult { planId: number; versionNo: number; status: string; published: boolean; draft: PlanDraft }
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

function send(file: File, query: string): Promise<unknown> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api(`/api/v1/plans/import?${query}`, { method: 'POST', body });
}

/** Upload → preview of the extracted draft with its warnings → pick registry units for unresolved names → import and publish. */
export function ImportPlanPanel() {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [choices, setChoices] = useState<Record<string, UnitOption>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = useMemo(() => (draft ? unresolvedNames(draft) : []), [draft]);

  const preview = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const res = (await send(file, 'dryRun=true')) as { draft: PlanDraft };
      setDraft(res.draft);
      setChoices({});
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult((await send(file, 'publish=true')) as ImportResult);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-head">
      <h2 id="import-head">{t('admin.import')}</h2>
      <div className="card ws-grid ws-form">
        <label>
          {t('admin.importFile')}
          <input
            type="file"
            name="plan"
            accept=".txt,.md,.docx,.xlsx"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setDraft(null);
              setResult(null);
            }}
          />
        </label>
        <div className="ws-actions">
          <button type="button" className="primary" disabled={!file || busy} onClick={() => void preview()}>{t('admin.preview')}</button>
        </div>
      </div>
      {error && <p role="alert" className="ws-error">{error}</p>}
      {draft && (
        <>
          <h3>{t('admin.previewTitle')}</h3>
          <dl className="card ws-facts ws-draft-head">
            <div><dt>{t('admin.planTitle')}</dt><dd>{draft.plan.title}</dd></div>
            <div><dt>{t('admin.targetsCount')}</dt><dd data-testid="draft-targets">{draft.targets.length.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</dd></div>
            <div><dt>{t('admin.tasksCount')}</dt><dd data-testid="draft-tasks">{draft.tasks.length.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</dd></div>
            <div><dt>{t('admin.warnings')}</dt><dd data-testid="draft-warnings">{draft.warnings.length.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</dd></div>
          </dl>
          {names.length > 0 && (
            <>
              <h3>{t('admin.unitsToFix')} ({names.length})</h3>
              <p className="ws-muted">{t('admin.correctionsNote')}</p>
              <ul className="ws-items">
                {names.map((n) => (
                  <li key={n.name} className="card">
                    <p className="ws-item-title">
                      <strong>{n.name}</strong> — {n.ambiguous ? t('admin.ambiguous') : t('admin.unresolved')} · {t('admin.line')} {n.lines.join(', ')}
                    </p>
                    <UnitPicker name={n.name} chosen={choices[n.name] ?? null} onChoose={(u) => setChoices({ ...choices, [n.name]: u })} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="ws-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void publish()}>{t('admin.publish')}</button>
          </div>
          {result && (
            <p role="status" className="ws-ok">
              {t('admin.published')}: {result.draft.plan.title} — {t('admin.version')} {result.versionNo} ({t(`admin.importStatus.${result.status}` as MessageKey)})
            </p>
          )}
          <h3>{t('admin.warnings')} ({draft.warnings.length})</h3>
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
function UnitPicker({ name, chosen, onChoose }: { name: string; chosen: UnitOption | null; onChoose: (u: UnitOption) => void }) {
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
            const u = options.find((o) => o.code === e.target.value);
            if (u) onChoose(u);
          }}
        >
          <option value="">{options.length ? '—' : t('admin.noMatch')}</option>
          {chosen && !options.some((o) => o.code === chosen.code) && <option value={chosen.code}>{chosen.name}</option>}
          {options.map((o) => <option key={o.code} value={o.code}>{o.name} ({o.code})</option>)}
        </select>
      </label>
    </div>
  );
}
