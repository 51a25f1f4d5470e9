import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useServerWords } from '../../app/use-server-words.ts';
import type { NamedUnit } from '../../components/match-units.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApi } from '../leader/use-api.ts';

export interface EditableUnit { name: string; code: string | null }
export interface EditableItem {
  text: string;
  goal?: string;
  measure?: string | null;
  weight?: number;
  lead: EditableUnit[];
  partners: EditableUnit[];
}

/**
 * Corrects the text, goal (as written, "≥ 95%"), measure, importance weight, lead and partner units
 * of one extracted item before publishing (due date and indicator have their own editors). Units are
 * picked by name without diacritics; only the fields that changed are sent; the server's problems
 * for this item (`targets[3].goal`) are shown beside the fields they name.
 */
export function DraftItemEditor(props: EditorProps) {
  // The fields (and the unit list they search) are built only when opened: a draft has hundreds of items.
  const [open, setOpen] = useState(false);
  return (
    <details className="ws-item-editor" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{props.label}</summary>
      {open && <EditorFields {...props} />}
    </details>
  );
}

interface EditorProps {
  kind: 'targets' | 'tasks';
  index: number;
  label: string;
  item: EditableItem;
  busy: boolean;
  error: unknown;
  onSave: (changes: Record<string, unknown>) => void;
}

function EditorFields({ kind, index, item, busy, error, onSave }: EditorProps) {
  const { t } = useI18n();
  const words = useServerWords();
  const registry = useApi<{ units: NamedUnit[] }>('/api/v1/units');
  const nameOf = (code: string) => registry.data?.units.find((u) => u.code === code)?.name ?? code;
  const isTarget = kind === 'targets';
  const [text, setText] = useState(item.text);
  const [goal, setGoal] = useState(item.goal ?? '');
  const [measure, setMeasure] = useState(item.measure ?? '');
  const [weight, setWeight] = useState(String(item.weight ?? 1).replace('.', ','));
  // Units without a registry code cannot be sent back; the administrator replaces them by picking one.
  const [lead, setLead] = useState<EditableUnit[]>(item.lead);
  const [partners, setPartners] = useState<EditableUnit[]>(item.partners);
  const codes = (list: EditableUnit[]) => list.flatMap((u) => (u.code ? [u.code] : []));
  const same = (a: EditableUnit[], b: EditableUnit[]) => a.length === b.length && a.every((u, i) => u.code === b[i]?.code && u.name === b[i]?.name);

  const changes: Record<string, unknown> = {};
  if (text.trim() !== item.text) changes.text = text.trim();
  if (isTarget && goal.trim() !== (item.goal ?? '')) changes.goal = goal.trim();
  if (isTarget && measure.trim() !== (item.measure ?? '')) changes.measure = measure.trim() || null;
  const weightValue = Number(weight.trim().replace(',', '.'));
  if (isTarget && weight.trim() !== '' && weightValue !== (item.weight ?? 1)) changes.weight = Number.isFinite(weightValue) ? weightValue : weight;
  if (!same(lead, item.lead)) changes.lead = codes(lead);
  if (!same(partners, item.partners)) changes.partners = codes(partners);

  const prefix = `${kind}[${index}].`;
  const problems = error instanceof ApiError ? error.errors.filter((p) => p.field?.startsWith(prefix)) : [];
  const problemOf = (field: string) => problems.filter((p) => p.field === `${prefix}${field}`).map(words.problem).join('; ');
  const fieldError = (field: string) => {
    const message = problemOf(field);
    return message ? <span className="ws-field-error" role="alert" data-field={field}>{message}</span> : null;
  };
  const unitList = (role: 'lead' | 'partners', list: EditableUnit[], set: (next: EditableUnit[]) => void) => (
    <fieldset className="ws-unit-list">
      <legend>{t(role === 'lead' ? 'draft.lead' : 'draft.partners')}</legend>
      <ul>
        {list.length === 0 && <li className="ws-muted">—</li>}
        {list.map((u, i) => (
          <li key={`${u.code ?? u.name}-${i}`}>
            {u.name}{u.code ? '' : ` (${t('draft.unitUnknown')})`}{' '}
            <button type="button" className="ws-secondary" onClick={() => set(list.filter((_, j) => j !== i))} aria-label={`${t('draft.removeUnit')} ${u.name}`}>×</button>
          </li>
        ))}
      </ul>
      <UnitPicker
        label={t(role === 'lead' ? 'draft.addLead' : 'draft.addPartner')}
        value=""
        onChange={(code) => { if (!list.some((u) => u.code === code)) set([...list, { name: nameOf(code), code }]); }}
      />
      {fieldError(role)}
    </fieldset>
  );

  return (
    <div className="ws-item-editor-fields">
      <div className="ws-grid">
        <label>{t(isTarget ? 'draft.fieldText' : 'draft.fieldTitle')}<textarea value={text} rows={3} onChange={(e) => setText(e.target.value)} />{fieldError(isTarget ? 'text' : 'title')}</label>
        {isTarget && <label>{t('draft.fieldGoal')}<input value={goal} placeholder="≥ 95%" onChange={(e) => setGoal(e.target.value)} />{fieldError('goal')}</label>}
        {isTarget && <label>{t('draft.fieldMeasure')}<input value={measure} onChange={(e) => setMeasure(e.target.value)} />{fieldError('measure')}</label>}
        {isTarget && <label>{t('draft.fieldWeight')}<input value={weight} inputMode="decimal" onChange={(e) => setWeight(e.target.value)} aria-describedby={`weight-hint-${index}`} /><span id={`weight-hint-${index}`} className="ws-muted">{t('draft.weightHint')}</span>{fieldError('weight')}</label>}
      </div>
      {unitList('lead', lead, setLead)}
      {unitList('partners', partners, setPartners)}
      <div className="ws-actions">
        <button type="button" className="ws-secondary" disabled={busy || Object.keys(changes).length === 0 || (changes.text !== undefined && !text.trim())} onClick={() => onSave(changes)}>{t('draft.saveItem')}</button>
      </div>
    </div>
  );
}
