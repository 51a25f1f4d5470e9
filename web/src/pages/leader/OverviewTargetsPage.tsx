import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { formatDate, formatMeasured, formatNumber, formatOp, formatShare } from '../../app/format.ts';
import { Link, useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useServerWords } from '../../app/use-server-words.ts';
import { targetsXlsxHref } from '../../components/export-xlsx.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { STATUS_ORDER } from './leader-data.ts';
import { filterFromQuery, targetListHref, type OverviewTarget, type TargetFilter } from './overview-data.ts';
import './leader.css';
import './overview.css';

const PAGE = 50;

interface Page { asOf: string; total: number; targets: OverviewTarget[] }

/**
 * The targets behind an overview figure (`/overview/targets?unit=&status=&pillar=`): the filters
 * come from the query string, the server pages the list (GET /api/v1/overview/targets), and the
 * whole filtered list is exported to Excel on the server.
 */
export function OverviewTargetsPage() {
  const { t, lang } = useI18n();
  const words = useServerWords();
  const { user } = useSession();
  const { location } = useRouter();
  const filter = filterFromQuery(location.query, user?.unit ?? '');
  const key = targetListHref(filter);
  const [pages, setPages] = useState<{ key: string; data: Page | null; error: unknown; loading: boolean }>({ key, data: null, error: null, loading: true });

  const load = (offset: number) => {
    if (!filter.unit) return;
    const params = new URLSearchParams({ unit: filter.unit, limit: String(PAGE), offset: String(offset) });
    if (filter.status) params.set('status', filter.status);
    if (filter.pillar) params.set('pillar', filter.pillar);
    setPages((p) => ({ ...p, loading: true }));
    api<Page>(`/api/v1/overview/targets?${params.toString()}`)
      .then((page) => setPages((p) => (p.key !== key ? p : {
        key, error: null, loading: false,
        data: offset === 0 || !p.data ? page : { ...page, targets: [...p.data.targets, ...page.targets] },
      })))
      .catch((e: unknown) => setPages((p) => (p.key !== key ? p : { ...p, loading: false, error: e })));
  };
  useEffect(() => {
    setPages({ key, data: null, error: null, loading: true });
    load(0);
    // The key holds every filter: the list is read again exactly when one changes.
  }, [key]);

  const data = pages.key === key ? pages.data : null;
  const pillarName = filter.pillar === 'none' ? t('ov.ungrouped') : data?.targets[0]?.pillar?.name ?? filter.pillar;
  const title = [filter.status ? t(`status.${filter.status}` as MessageKey) : null, filter.pillar ? pillarName : null].filter(Boolean).join(' · ');

  return (
    <section className="leader overview-targets">
      <p className="crumbs"><Link to="/">{t('ov.backToOverview')}</Link></p>
      <h1>{t('ov.listTitle')}{title ? `: ${title}` : ''}</h1>
      <nav className="chips" aria-label={t('ov.filterStatus')}>
        <Link to={targetListHref({ ...filter, status: undefined })} className={filter.status ? 'chip' : 'chip chip-on'}>{t('ov.allStatuses')}</Link>
        {STATUS_ORDER.map((s) => (
          <Link key={s} to={targetListHref({ ...filter, status: s } satisfies TargetFilter)} className={filter.status === s ? `chip chip-on status-${s}` : `chip status-${s}`}>
            {t(`status.${s}` as MessageKey)}
          </Link>
        ))}
      </nav>
      {filter.status === 'unlinked' && (
        <p className="notice">{t('ov.unlinkedHint')} <Link to="/admin?tab=import">{t('ov.unlinkedLink')}</Link></p>
      )}
      {pages.error !== null && !data && <div role="alert" className="notice"><p>{t('common.error')}: {words.failure(pages.error)}</p></div>}
      {!data && pages.error === null && <p aria-busy="true">{t('common.loading')}</p>}
      {data && (
        <>
          <p className="downloads">
            <span className="list-count">{t('ov.shown')} {formatNumber(data.targets.length, lang, 0)} {t('ov.of')} {formatNumber(data.total, lang, 0)}</span>
            <span className="muted"> · {t('overview.asOf')} {formatDate(data.asOf)}</span>
            <a className="button secondary" href={targetsXlsxHref({ unit: filter.unit, status: filter.status, pillar: filter.pillar, asOf: data.asOf })} download>{t('ov.exportXlsx')}</a>
          </p>
          <div className="table-wrap">
            <table className="target-list">
              <thead>
                <tr>
                  <th scope="col">{t('ov.colStatus')}</th>
                  <th scope="col">{t('ov.colTarget')}</th>
                  <th scope="col">{t('ov.colUnit')}</th>
                  <th scope="col" className="num">{t('ov.colCurrent')}</th>
                  <th scope="col">{t('ov.colDue')}</th>
                  <th scope="col" className="num">{t('ov.colPMiss')}</th>
                </tr>
              </thead>
              <tbody>
                {data.targets.length === 0 && <tr><td colSpan={6}>{t('common.none')}</td></tr>}
                {data.targets.map((target) => (
                  <tr key={target.code} data-status={target.status}>
                    <td><StatusBadge status={target.status} /></td>
                    <td>
                      <Link to={`/targets/${encodeURIComponent(target.code)}${target.unit ? `?unit=${encodeURIComponent(target.unit)}` : ''}`}>{target.text ?? target.code}</Link>
                      <span className="muted code" data-detail> {target.code}</span>
                    </td>
                    <td>{target.unitName ?? target.unit ?? '—'}</td>
                    <td className="num">{formatMeasured(target.current, target.measure, lang)} / {target.goal === null ? '—' : `${formatOp(target.op)} ${formatMeasured(target.goal, target.measure, lang)}`}</td>
                    <td>{target.due ? formatDate(target.due) : '—'}</td>
                    <td className="num">{target.status === 'no_data' || target.status === 'unlinked' ? '—' : formatShare(target.pMiss, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.targets.length < data.total && (
            <p><button type="button" className="button" disabled={pages.loading} onClick={() => load(data.targets.length)}>{t('ov.more')}</button></p>
          )}
        </>
      )}
    </section>
  );
}
