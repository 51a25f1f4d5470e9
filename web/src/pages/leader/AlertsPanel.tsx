import { useMemo, useState, type FormEvent } from 'react';
import type { OwnDigestSubscriptionAnswer } from '../../../../src/http/routes/alerts/schema.ts';
import { api } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { useErrorText } from '../workspace/shared.tsx';
import {
  ALERT_KINDS, ALERT_SEVERITIES, alertLink, alertsByGroup, alertsQuery, alertTitle, alertWhy, mayActOnAlerts, type Alert, type AlertGroup, type AlertGroupBy,
} from './leader-data.ts';
import { LoadState } from './shared.tsx';
import { useApi } from './use-api.ts';

const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/** The groupings offered, the leader's first: one group per indicator, naming how many units it touches. */
const GROUPINGS: readonly AlertGroupBy[] = ['indicator', 'unit', 'kind'];

/**
 * Open alerts of a unit's subtree in groups (collapsible, counts per severity and units): by
 * indicator first — a city target set on every ward raises one alert per ward, and a leader reads
 * a few tens of groups rather than hundreds of lines — or by unit or kind; with filter chips and
 * acknowledgement. `initialSeverities` is the chip an overview count opened it with.
 */
export function AlertsPanel({ unit, initialSeverities = [] }: { unit: string; initialSeverities?: readonly string[] }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [severities, setSeverities] = useState<string[]>([...initialSeverities]);
  const [kinds, setKinds] = useState<string[]>([]);
  const [groupBy, setGroupBy] = useState<AlertGroupBy>('indicator');
  const alerts = useApi<{ total: number; alerts: Alert[]; groups: AlertGroup[] }>(alertsQuery(unit, { severities, kinds, groupBy }));
  const buckets = useMemo(() => alertsByGroup(alerts.data?.alerts ?? [], groupBy), [alerts.data, groupBy]);
  const canAct = mayActOnAlerts(user?.grants ?? []);

  return (
    <section className="panel" aria-labelledby="h-alert-groups">
      <h2 id="h-alert-groups">
        {t('alerts.title')}
        {alerts.data && <span className="muted alert-totals"> · {formatNumber(alerts.data.total, lang, 0)} {t('alerts.alerts')} · {formatNumber(alerts.data.groups.length, lang, 0)} {t('alerts.inGroups')}</span>}
      </h2>
      <div className="chips" role="group" aria-label={t('alerts.groupBy')}>
        <span className="chips-label">{t('alerts.groupBy')}:</span>
        {GROUPINGS.map((g) => (
          <button key={g} type="button" className="chip" aria-pressed={groupBy === g} onClick={() => setGroupBy(g)}>
            {t(`alerts.groupBy.${g}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="chips" role="group" aria-label={t('alerts.filterSeverity')}>
        {ALERT_SEVERITIES.map((s) => (
          <button key={s} type="button" className={`chip sev-label-${s}`} aria-pressed={severities.includes(s)} onClick={() => setSeverities(toggle(severities, s))}>
            {t(`severity.${s}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="chips" role="group" aria-label={t('alerts.filterKind')}>
        {ALERT_KINDS.map((k) => (
          <button key={k} type="button" className="chip" aria-pressed={kinds.includes(k)} onClick={() => setKinds(toggle(kinds, k))}>
            {t(`alerts.kind.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      {user && <DigestSubscription unit={unit} />}
      <LoadState state={alerts}>
        {(data) => data.groups.length === 0 ? <p>{t('common.none')}</p> : (
          <>
            {data.alerts.length < data.total && <p className="muted">{t('alerts.truncated')}</p>}
            <ul className="plain alert-groups">
              {data.groups.map((g) => (
                <li key={g.key ?? ''}>
                  <details>
                    <summary>
                      <strong>{lang === 'vi' ? g.name : g.nameEn}</strong>{' '}
                      <span className="muted">({formatNumber(g.total, lang, 0)} {t('alerts.alerts')}{groupBy !== 'unit' && g.units > 0 && <> · {formatNumber(g.units, lang, 0)} {t('alerts.units')}</>})</span>{' '}
                      {ALERT_SEVERITIES.filter((s) => g.counts[s] > 0).map((s) => (
                        <span key={s} className={`sev-label sev-label-${s}`}>{t(`severity.${s}` as MessageKey)}: {g.counts[s]} </span>
                      ))}
                    </summary>
                    <ul className="plain alerts">
                      {(buckets.get(g.key ?? '') ?? []).map((a) => <AlertItem key={a.id} alert={a} canAct={canAct} onDone={alerts.reload} />)}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          </>
        )}
      </LoadState>
    </section>
  );
}

function AlertItem({ alert: a, canAct, onDone }: { alert: Alert; canAct: boolean; onDone: () => void }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const link = alertLink(a);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() === '' || note.length > 2000) {
      setError(t('alerts.noteRequired'));
      return;
    }
    try {
      await api(`/api/v1/alerts/${a.id}/acknowledge`, { method: 'POST', body: JSON.stringify({ note }) });
      setOpen(false);
      setNote('');
      setError(null);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className={`alert sev-${a.severity}`}>
      <p className="alert-title">{link ? <Link to={link}>{alertTitle(a)}</Link> : alertTitle(a)}</p>
      <p className="alert-meta">
        <span className={`sev-label sev-label-${a.severity}`}>{t(`severity.${a.severity}` as MessageKey)}</span>
        {' · '}{t(`alerts.kind.${a.kind}` as MessageKey)}
        {' · '}{t('overview.alertSince')} {formatDate(a.since)}
      </p>
      <p className="alert-reason muted">{alertWhy(a, lang)}</p>
      {a.acknowledged && (
        <p className="alert-ack">✓ {t('alerts.acknowledged')} (<span title={a.acknowledged.actor}>{a.acknowledged.actorName}</span>, {formatDate(a.acknowledged.at)}): {a.acknowledged.note}</p>
      )}
      {canAct && !open && <button type="button" className="secondary" onClick={() => setOpen(true)}>{t('alerts.acknowledge')}</button>}
      {canAct && open && (
        <form onSubmit={(e) => void submit(e)}>
          <label>{t('alerts.note')}<textarea value={note} maxLength={2000} required onChange={(e) => setNote(e.target.value)} /></label>
          {error !== null && <p role="alert" className="error">{typeof error === 'string' ? error : errorText(error)}</p>}
          <button type="submit">{t('alerts.send')}</button>{' '}
          <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('alerts.cancel')}</button>
        </form>
      )}
    </li>
  );
}

/**
 * The person's own daily digest of this unit's open alerts (07:00, by e-mail to their account's
 * address): subscribed or not, and one button to change it. A person with no address on their
 * account is told so (the server's message) instead of being offered the button.
 */
function DigestSubscription({ unit }: { unit: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const state = useApi<OwnDigestSubscriptionAnswer>(`/api/v1/alerts/digest/subscription?unit=${encodeURIComponent(unit)}`);
  const [changed, setChanged] = useState<OwnDigestSubscriptionAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (state.error) return <p className="muted digest-subscription">{errorText(state.error)}</p>;
  const current = changed ?? state.data;
  if (!current) return null;
  const toggle = async () => {
    try {
      setChanged(await api<OwnDigestSubscriptionAnswer>('/api/v1/alerts/digest/subscription', { method: 'PUT', body: JSON.stringify({ unit, subscribed: !current.subscribed }) }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="digest-subscription">
      <p aria-live="polite">
        {current.subscribed ? t('alerts.digest.on') : t('alerts.digest.off')} <strong>{current.email}</strong>
      </p>
      <button type="button" className="secondary" onClick={() => void toggle()}>
        {current.subscribed ? t('alerts.digest.unsubscribe') : t('alerts.digest.subscribe')}
      </button>
      {error !== null && <p role="alert" className="error">{typeof error === 'string' ? error : errorText(error)}</p>}
    </div>
  );
}
