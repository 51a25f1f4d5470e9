import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { vi, type MessageKey } from '../../i18n/vi.ts';
import { forecastModelLine } from './forecast-model.ts';

const tVi = (key: MessageKey) => vi[key];
const tEn = (key: MessageKey) => en[key];
const measured = { indicator: 'DVC', levelShiftFrom: null };

describe('the forecast model line of the target page', () => {
  it('names a saturating curve and the ceiling it caps the forecast at, in Vietnamese and English', () => {
    const target = { ...measured, model: 'saturating' as const, ceiling: 86.24 };
    expect(forecastModelLine(target, '%', tVi, 'vi')).toBe('Mô hình dự báo: đường bão hòa (đang chậm lại) · trần ước tính 86%');
    expect(forecastModelLine(target, '%', tEn, 'en')).toBe('Forecast model: saturating curve (slowing down) · estimated ceiling 86%');
    // A count is not a percentage: no sign after the ceiling.
    expect(forecastModelLine({ ...target, ceiling: 1250 }, 'hồ sơ', tVi, 'vi')).toBe('Mô hình dự báo: đường bão hòa (đang chậm lại) · trần ước tính 1.250');
  });

  it('names the other models without a ceiling, a break with the month it starts from', () => {
    expect(forecastModelLine({ ...measured, model: 'trend', ceiling: null, damping: 0.97 }, '%', tVi, 'vi')).toBe('Mô hình dự báo: xu hướng tuyến tính, giả định tốc độ chậm dần');
    // A climb whose own history a straight line forecast better keeps its pace, and says so.
    expect(forecastModelLine({ ...measured, model: 'trend', ceiling: null, damping: 1 }, '%', tVi, 'vi')).toBe('Mô hình dự báo: xu hướng tuyến tính, giữ nguyên tốc độ (trên số liệu của chính chỉ tiêu, đường thẳng dự báo sát hơn)');
    expect(forecastModelLine({ ...measured, model: 'trend', ceiling: null, damping: 1 }, '%', tEn, 'en')).toBe('Forecast model: linear trend keeping its pace (on its own history a straight line forecast better)');
    expect(forecastModelLine({ ...measured, model: 'seasonal', ceiling: null }, '%', tEn, 'en')).toBe('Forecast model: trend with month-of-year effects');
    expect(forecastModelLine({ ...measured, model: 'break', ceiling: null, levelShiftFrom: '2026-03' }, '%', tVi, 'vi')).toBe('Mô hình dự báo: xu hướng có điểm thay đổi từ tháng 3/2026');
    expect(forecastModelLine({ ...measured, model: 'break', ceiling: null, levelShiftFrom: '2026-03' }, '%', tEn, 'en')).toBe('Forecast model: trend with a change point from 03/2026');
  });

  it('says when there is too little data to forecast, and nothing for a target without an indicator', () => {
    expect(forecastModelLine({ ...measured, model: null, ceiling: null }, '%', tVi, 'vi')).toBe('Mô hình dự báo: chưa đủ số liệu để dự báo (cần ít nhất 3 tháng)');
    expect(forecastModelLine({ indicator: null, levelShiftFrom: null, model: null, ceiling: null }, '%', tEn, 'en')).toBeNull();
  });
});
