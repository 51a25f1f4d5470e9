import { formatNumber, formatPercent, formatPeriod } from '../../app/format.ts';
import type { MessageKey } from '../../i18n/vi.ts';
import type { EvaluatedTarget } from './leader-data.ts';

/**
 * What the target page says of the forecast: which model the status rests on (so a leader knows
 * why a rising series can still be "at risk") and, when a saturating curve caps the forecast, the
 * ceiling it approaches. Without a forecast (fewer than 3 values) it says so; a target without an
 * indicator has no line at all (null).
 *
 * @example
 * forecastModelLine({ model: 'saturating', ceiling: 86.2, levelShiftFrom: null, indicator: 'DVC' }, '%', t, 'vi')
 * // 'Mô hình dự báo: đường bão hòa (đang chậm lại) · trần ước tính 86%'
 */
export function forecastModelLine(
  target: Pick<EvaluatedTarget, 'model' | 'ceiling' | 'levelShiftFrom' | 'indicator' | 'damping'>,
  measure: string | null,
  t: (key: MessageKey) => string,
  lang: 'vi' | 'en',
): string | null {
  if (!target.indicator) return null;
  const label = `${t('target.model')}: `;
  switch (target.model) {
    case null: return label + t('target.model.none');
    case 'saturating': {
      if (target.ceiling === null) return label + t('target.model.saturating');
      const ceiling = measure === '%' ? formatPercent(target.ceiling, lang, 0) : formatNumber(target.ceiling, lang, 0);
      return `${label}${t('target.model.saturating')} · ${t('target.ceiling')} ${ceiling}`;
    }
    case 'break':
      return target.levelShiftFrom ? `${label}${t('target.model.break')} ${t('target.model.since')} ${formatPeriod(target.levelShiftFrom, lang)}` : label + t('target.model.break');
    // A trend keeps its pace when the series' own history showed a straight line forecasting better.
    case 'trend': return label + t(target.damping === 1 ? 'target.model.linear' : 'target.model.trend');
    default: return label + t(`target.model.${target.model}`);
  }
}
