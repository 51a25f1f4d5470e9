import { describe, expect, it } from 'vitest';
import { taskProgressOfReport } from './task-progress-of-report.ts';

const line = (over: Record<string, unknown>) => ({ taskId: 1, code: 'NV-1', title: 'x', due: null, status: 'not_started', progress: 0, evidence: '', note: '', progressSource: 'register', edited: true, ...over });

describe('task progress an approved report gives the register', () => {
  it.each([
    [{ status: 'in_progress', progress: 100 }, 'done', 100],
    [{ status: 'not_started', progress: 40 }, 'in_progress', 40],
    [{ status: 'done', progress: 80 }, 'in_progress', 80],
    [{ status: 'cancelled', progress: 100 }, 'cancelled', 100],
    [{ status: 'overdue', progress: 10 }, 'in_progress', 10],
    [{ status: 'not_started', progress: 0 }, 'not_started', 0],
    [{ status: 'in_progress', progress: 140 }, 'done', 100],
  ])('%j → %s at %i %%', (over, status, progress) => {
    expect(taskProgressOfReport({ tasks: [line(over)] })).toEqual([{ taskId: 1, status, progress, evidence: null }]);
  });

  it('keeps evidence as written (NFC, trimmed) and skips lines that are not task lines', () => {
    const evidence = 'Quyết định số 45/QĐ-UBND'.normalize('NFD');
    expect(taskProgressOfReport({ tasks: [line({ progress: 50, evidence: `  ${evidence} ` }), { taskId: 'x' }, null] })).toEqual([
      { taskId: 1, status: 'in_progress', progress: 50, evidence: 'Quyết định số 45/QĐ-UBND' },
    ]);
    expect(taskProgressOfReport(null)).toEqual([]);
    expect(taskProgressOfReport({ tasks: 'none' })).toEqual([]);
  });
});
