import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { foldForSearch } from '../app/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { exportXlsx } from './export-xlsx.ts';
import { sortRows, type CellValue, type SortDirection } from './table-sort.ts';
import './components.css';

/** A column: its header, the raw value (used to sort, search and export) and how to show it. */
export interface Column<Row> {
  key: string;
  header: string;
  value: (row: Row) => CellValue;
  render?: (row: Row) => ReactNode;
  sortable?: boolean;
  numeric?: boolean;
  /** A detail column (codes beside names): marked `data-detail` and shown muted. */
  detail?: boolean;
}

export interface DataTableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Names the table for screen readers and the exported sheet. */
  caption: string;
  /** File name of the XLSX export (without extension). */
  exportName: string;
  searchable?: boolean;
  initialSort?: { key: string; direction: SortDirection };
  /** Details shown under a row when it is expanded (e.g. a score explained). */
  expand?: (row: Row) => ReactNode;
  /** Extra controls (filters) placed beside the search box. */
  toolbar?: ReactNode;
  rowClassName?: (row: Row) => string | undefined;
}

/**
 * The one table of the dashboard: sortable headers (buttons, keyboard usable), a diacritics-
 * insensitive search, optional expandable rows, and "Xuất Excel" of exactly what is shown.
 *
 * @example
 * <DataTable caption="Đơn vị" exportName="don-vi" rows={units} rowKey={(u) => u.code}
 *   columns={[{ key: 'code', header: 'Mã', value: (u) => u.code }]} />
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { columns, rows, rowKey, caption, exportName, searchable = true, expand, toolbar, rowClassName } = props;
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState(props.initialSort ?? null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState(false);

  const shown = useMemo(() => {
    const q = foldForSearch(query.trim());
    const filtered = q ? rows.filter((row) => foldForSearch(columns.map((c) => c.value(row) ?? '').join(' ')).includes(q)) : [...rows];
    const column = sort && columns.find((c) => c.key === sort.key);
    return column && sort ? sortRows(filtered, column.value, sort.direction) : filtered;
  }, [rows, columns, query, sort]);

  const toggleSort = (key: string) =>
    setSort((s) => (s?.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));
  const toggleRow = (key: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const onExport = async () => {
    setExporting(true);
    try {
      await exportXlsx(exportName, caption, columns.map((c) => ({ header: c.header, value: c.value })), shown);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="data-table">
      <div className="table-toolbar">
        {searchable && (
          <label className="search">
            <span>{t('common.search')}</span>
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
        )}
        {toolbar}
        <button type="button" className="button" onClick={() => void onExport()} disabled={exporting}>
          {t('common.exportXlsx')}
        </button>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {expand && <th scope="col"><span className="visually-hidden">{t('table.details')}</span></th>}
              {columns.map((c) => {
                const active = sort?.key === c.key;
                return (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                    {c.sortable === false ? c.header : (
                      <button type="button" className="sort" onClick={() => toggleSort(c.key)}>
                        {c.header}
                        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr><td colSpan={columns.length + (expand ? 1 : 0)}>{t('common.none')}</td></tr>
            )}
            {shown.map((row) => {
              const key = rowKey(row);
              const isOpen = open.has(key);
              return (
                <Fragment key={key}>
                  <tr className={rowClassName?.(row)}>
                    {expand && (
                      <td>
                        <button type="button" className="expand" aria-expanded={isOpen} onClick={() => toggleRow(key)}>
                          <span aria-hidden="true">{isOpen ? '−' : '+'}</span>
                          <span className="visually-hidden">{t('table.details')}</span>
                        </button>
                      </td>
                    )}
                    {columns.map((c) => (
                      <td key={c.key} className={[c.numeric ? 'num' : '', c.detail ? 'muted' : ''].filter(Boolean).join(' ') || undefined} data-detail={c.detail ? '' : undefined}>{c.render ? c.render(row) : (c.value(row) ?? '—')}</td>
                    ))}
                  </tr>
                  {expand && isOpen && (
                    <tr className="expanded"><td colSpan={columns.length + 1}>{expand(row)}</td></tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="table-count">{shown.length} / {rows.length}</p>
    </div>
  );
}
