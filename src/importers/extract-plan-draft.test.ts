import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.ts';
import type { UnitResolution } from '../domain/units/unit.ts';
import { draftWarningsIn } from './draft-warning-words.ts';
import { extractPlanDraft } from './extract-plan-draft.ts';
import { readTextDocument } from './text/read-text-document.ts';

// A small registry stand-in: the extractor only sees the resolve callback.
const known: Record<string, string> = { 'sở a': 'SO_A', 'sở b': 'SO_B', 'phòng văn hóa - xã hội': 'P_VHXH' };
const resolve = (name: string): UnitResolution => {
  const code = known[name.toLowerCase()];
  if (/^các |liên quan/i.test(name)) return { input: name, collective: true, matches: [] };
  if (name === 'Sở Trùng') return { input: name, collective: false, ambiguous: true, matches: [{ code: 'X1', name, kind: 'agency', score: 0.9 }, { code: 'X2', name, kind: 'agency', score: 0.9 }] };
  return { input: name, collective: false, matches: code ? [{ code, name, kind: 'agency', score: 1 }] : [] };
};
const draftOf = (lines: string[]) => extractPlanDraft(readTextDocument(lines.join('\n'), 't.txt'), resolve);

describe('extractPlanDraft', () => {
  it('reads the header: code without spaces, issue date, title, issuer', () => {
    const d = draftOf(['Số: 7 -KH/UBND', '', 'Thôn Đông, ngày 05 tháng 3 năm 2026', '', 'KẾ HOẠCH', 'Ứng dụng số tại xã năm 2026', '', '(Kèm theo Kế hoạch số 7/KH-UBND của UBND xã Thôn Đông)']);
    expect(d.plan).toEqual({ title: 'Kế hoạch Ứng dụng số tại xã năm 2026', code: '7-KH/UBND', issuer: 'UBND xã Thôn Đông', issuedOn: '2026-03-05' });
  });

  it('leaves a blank number and a blank day null, with a warning for the number', () => {
    const d = draftOf(['Số: /KH-UBND', 'Thôn Đông, ngày', 'tháng 4 năm 2026', 'KẾ HOẠCH', 'Việc năm 2026']);
    expect(d.plan.code).toBeNull();
    expect(d.plan.issuedOn).toBeNull();
    expect(d.warnings.some((w) => w.code === 'missing_code' && w.line === 1)).toBe(true);
  });

  it('reads a target table by its header labels, with section rows, split rows and several goals in a cell', () => {
    const d = draftOf([
      'KẾ HOẠCH', 'Việc năm 2026', '', 'Phụ lục 01',
      'STT\t\tMục tiêu\tĐơn vị chủ trì theo dõi\tĐơn vị chủ trì thực hiện\tĐơn vị phối hợp\tCăn cứ',
      'TT\tChi tiết\t\t\t\t\t',
      '\tI\tChính quyền số\t\t\t\t',
      '1\t1\tTỷ lệ hồ sơ số đạt $\\geq 90\\%$; 100% phiếu được ký số.\tSở A\tPhòng Văn hóa - Xã hội\tSở B, các đơn vị liên quan\tQuyết định 1',
      '',
      'STT\t\tMục tiêu\tĐơn vị chủ trì theo dõi\tĐơn vị chủ trì thực hiện\tĐơn vị phối hợp\tCăn cứ',
      'TT\tChi tiết\t\t\t\t\t',
      '2\t2\tGiảm ít nhất 20% thời gian chờ, tính từ 01/10/2026\tSở A\tSở Trùng\tSở Lạ\t',
    ]);
    expect(d.targets).toHaveLength(3);
    expect(d.targets[0]).toMatchObject({ seq: 1, sectionPath: ['Phụ lục 01', 'Chính quyền số'], goal: { op: '>=', value: 90 }, basis: 'Quyết định 1', source: { line: 8 } });
    expect(d.targets[0]?.monitor).toEqual([{ name: 'Sở A', code: 'SO_A', collective: false }]);
    expect(d.targets[0]?.partners).toEqual([{ name: 'Sở B', code: 'SO_B', collective: false }, { name: 'các đơn vị liên quan', code: null, collective: true }]);
    expect(d.targets[1]?.goal).toMatchObject({ op: '>=', value: 100 });
    expect(d.targets[2]).toMatchObject({ seq: 2, measure: '% giảm', due: { kind: 'range', start: '2026-10-01', end: '2026-12-31' }, source: { line: 12 } });
    expect(d.warnings.filter((w) => w.line === 12).map((w) => w.code).sort()).toEqual(['ambiguous_unit', 'unresolved_unit']);
  });

  it('reads a task table, joins a row split by a page break, and lints missing fields', () => {
    const d = draftOf([
      'KẾ HOẠCH', 'Việc năm 2026', '',
      'STT\tTên nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn hoàn thành\tKết quả cần đạt\tSản phẩm đầu ra',
      'I\tNhóm đầu\t\t\t\t\t',
      '1\tLập kho dữ liệu\tSở A\tSở B\tQuý II/2026\tKho chạy\tKho dữ liệu',
      '\tdùng chung\t\t\t\t\t',
      '2\tTập huấn định kỳ\t\t\tThường xuyên\t\t',
      '3\tBáo cáo chuyên đề\tSở A\t\tTheo yêu cầu của UBND\t\tBáo cáo',
      '4\tSửa quy chế\tSở B\t\tSau khi luật được ban hành\t\tQuy chế',
      '5\tViệc lạ\tSở A\t\tSớm nhất có thể\t\tX',
    ]);
    expect(d.tasks.map((t) => t.title)).toEqual(['Lập kho dữ liệu dùng chung', 'Tập huấn định kỳ', 'Báo cáo chuyên đề', 'Sửa quy chế', 'Việc lạ']);
    expect(d.tasks[0]).toMatchObject({ seq: 1, sectionPath: ['Nhóm đầu'], result: 'Kho chạy', product: 'Kho dữ liệu', due: { kind: 'date', start: '2026-04-01', end: '2026-06-30' } });
    expect(d.tasks.map((t) => t.due.kind)).toEqual(['date', 'recurring', 'on_request', 'conditional', 'date']);
    const codes = (line: number) => d.warnings.filter((w) => w.line === line).map((w) => w.code).sort();
    expect(codes(8)).toEqual(['missing_lead', 'missing_product']);
    expect(codes(11)).toEqual(['missing_deadline', 'unparsed_deadline']);
  });

  it('reads prose: headings, bullets, fields, inherited deadlines and a multi-target bullet', () => {
    const d = draftOf([
      'KẾ HOẠCH', 'Việc của xã năm 2026', '',
      'I. MỤC TIÊU ĐẾN NĂM 2027', '', '1. Chính quyền số', '',
      '- 90% hồ sơ cấp xã, 80% hồ sơ cấp thôn được ký số.', '- Phổ cập kỹ năng số cho người dân.', '',
      'II. NHIỆM VỤ, GIẢI PHÁP', '', '1. Số hóa hồ sơ', '', 'a) Cơ quan chủ trì: Sở A.', 'b) Cơ quan phối hợp: Sở B.', 'c) Thời hạn: Tháng 6/2026.', '',
      '2. Các việc khác', '', '- Sở A chủ trì, Sở B phối hợp tổ chức tập huấn. Hoàn thành trong Quý III/2026.', '- Thường xuyên kiểm tra hệ thống.', '',
      'III. TỔ CHỨC THỰC HIỆN', '', '1. Sở A', '', '- Theo dõi chung.',
    ]);
    expect(d.targets.map((t) => [t.source.line, t.goal.op, t.goal.value, t.due.end])).toEqual([
      [8, '>=', 90, '2027-12-31'], [8, '>=', 80, '2027-12-31'], [9, 'qualitative', null, '2027-12-31'],
    ]);
    expect(d.targets[0]?.sectionPath).toEqual(['MỤC TIÊU ĐẾN NĂM 2027', 'Chính quyền số']);
    expect(d.tasks.map((t) => [t.source.line, t.seq, t.lead.map((u) => u.code), t.partners.map((u) => u.code), t.due.kind, t.due.start])).toEqual([
      [13, 1, ['SO_A'], ['SO_B'], 'date', '2026-06-01'],
      [21, null, ['SO_A'], ['SO_B'], 'date', '2026-07-01'],
      [22, null, [], [], 'recurring', null],
    ]);
  });

  it('reads "A chủ trì; B phối hợp" in a units field for the task and its key results, and closes an open start', () => {
    const d = draftOf([
      'KẾ HOẠCH', 'Việc năm 2026', '', 'I. NHIỆM VỤ',
      '1. Dự án một', '1.1. Kết quả then chốt:', '- Đạt 90% hồ sơ được số hóa.',
      '1.2. Đơn vị chủ trì thực hiện: Sở A chủ trì; Sở B phối hợp.', '1.3. Tiến độ: Từ Quý II/2026.',
      '2. Dự án hai', '2.1. Đơn vị chủ trì: Sở A chủ trì, phối hợp với Sở B.', '2.2. Thời hạn: Quý III/2026.',
      '3. Dự án ba', '3.1. Đơn vị chủ trì: Sở B. Các đơn vị liên quan phối hợp thực hiện.', '3.2. Thời hạn: Quý IV/2026.',
    ]);
    const units = (us: { name: string }[]): string[] => us.map((u) => u.name);
    expect(d.tasks.map((t) => [t.title, units(t.lead), units(t.partners)])).toEqual([
      ['Dự án một', ['Sở A'], ['Sở B']],
      ['Dự án hai', ['Sở A'], ['Sở B']],
      ['Dự án ba', ['Sở B'], ['Các đơn vị liên quan']],
    ]);
    expect(d.tasks[0]?.due).toMatchObject({ kind: 'range', start: '2026-04-01', end: '2026-12-31' });
    expect(d.targets).toHaveLength(1);
    expect(d.targets[0]).toMatchObject({ goal: { op: '>=', value: 90 }, lead: [{ name: 'Sở A', code: 'SO_A' }], partners: [{ name: 'Sở B', code: 'SO_B' }] });
  });

  it('reads a task stating "Nhiệm vụ thường xuyên" as recurring, not a description of routine work', () => {
    const d = draftOf([
      'KẾ HOẠCH', 'Việc năm 2026', '', 'I. NHIỆM VỤ TRỌNG TÂM',
      '- Bảo đảm an toàn hệ thống. Nhiệm vụ thường xuyên; định kỳ hằng tháng báo cáo.',
      '- Rà soát các nhiệm vụ thường xuyên của ngành để cắt giảm.',
    ]);
    expect(d.tasks.map((t) => t.due.kind)).toEqual(['recurring', 'date']);
  });

  it('reads a "Nội dung chỉ tiêu" column as a target table, with the row deadline cell', () => {
    const d = draftOf([
      'KẾ HOẠCH', 'Việc năm 2026', '', 'Phụ lục',
      'TT\tĐơn vị chủ trì\tNội dung chỉ tiêu\tThời hạn\tĐơn vị phối hợp\tCơ quan theo dõi',
      '1\tSở A\tTổ chức tối thiểu 02 lớp tập huấn kỹ năng số\tQuý III/2026\tSở B\tSở A',
      '2\tSở B\tTỷ lệ hồ sơ số đạt 80%; tỷ lệ phiếu ký số đạt 100%\tThường xuyên\t\t',
      '3\tSở A chủ trì; Sở B phối hợp\tĐạt 70% hộ dùng ví điện tử\tNăm 2026\t\t',
    ]);
    expect(d.tasks).toEqual([]);
    expect(d.targets.map((t) => [t.seq, t.goal.op, t.goal.value, t.due.kind, t.due.start, t.due.end])).toEqual([
      [1, '>=', 2, 'date', '2026-07-01', '2026-09-30'],
      [2, '>=', 80, 'recurring', null, null],
      [2, '>=', 100, 'recurring', null, null],
      [3, '>=', 70, 'date', '2026-01-01', '2026-12-31'],
    ]);
    expect(d.targets[0]?.monitor.map((u) => u.code)).toEqual(['SO_A']);
    expect(d.targets[3]).toMatchObject({ lead: [{ name: 'Sở A', code: 'SO_A' }], partners: [{ name: 'Sở B', code: 'SO_B' }] });
  });

  it('reads a goal column beside a measure column, and the periods of group rows as the deadlines below them', () => {
    const d = draftOf([
      'Phụ lục', 'DANH MỤC CHỈ TIÊU',
      'Stt\tChỉ tiêu\tĐơn vị\tKết quả\tĐơn vị thực hiện\tĐơn vị phối hợp',
      'A\tĐến năm 2030\t\t\t\t',
      'I\tHạ tầng số\t\t\t\t',
      'I.1\tGiai đoạn 2026-2027\t\t\t\t',
      '1\tNhóm trạm phát sóng\t\t\t\t',
      '1\tTỷ lệ thôn có trạm phát sóng\t%\t≥ 55\tSở A\tSở B',
      '2\tSố điểm truy cập công cộng\tĐiểm\t≥ 12\tSở B\t',
      'II\tDữ liệu số\t\t\t\t',
      '1\tTỷ lệ hồ sơ được số hóa\t%\t100%\tSở A\t',
      '2\tXếp hạng dữ liệu mở\tThứ bậc\tĐứng đầu cả nước\tSở A\t',
      'B\tĐến năm 2035\t\t\t\t',
      '1\tPhổ cập dịch vụ số\t\tPhổ cập\tSở A\t',
    ]);
    expect(d.tasks).toEqual([]);
    expect(d.targets.map((t) => [t.source.line, t.goal.op, t.goal.value, t.measure, t.due.kind, t.due.start, t.due.end, t.due.inherited])).toEqual([
      [8, '>=', 55, '%', 'range', '2026-01-01', '2027-12-31', 'section'],
      [9, '>=', 12, 'Điểm', 'range', '2026-01-01', '2027-12-31', 'section'],
      [11, '>=', 100, '%', 'date', null, '2030-12-31', 'section'],
      [12, 'top', 1, 'Thứ bậc', 'date', null, '2030-12-31', 'section'],
      [14, 'qualitative', null, null, 'date', null, '2035-12-31', 'section'],
    ]);
    expect(d.targets[0]).toMatchObject({ lead: [{ code: 'SO_A' }], partners: [{ code: 'SO_B' }], sectionPath: ['Đến năm 2030', 'Hạ tầng số', 'Giai đoạn 2026-2027', 'Nhóm trạm phát sóng'] });
  });

  it('reads a title-only numbered row as a group when the rows below carry their own numbers', () => {
    const d = draftOf([
      'Phụ lục', 'DANH MỤC NHIỆM VỤ',
      'Stt\t\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành',
      'TT\tChi tiết\t\t\t\t',
      '\t1\tY tế số\t\t\t',
      '7\t\tLập đề án y tế số\tSở A\tSở B\tNăm 2027',
      '\t2\tGiáo dục số\t\t\t',
      '8\t\tXây dựng kho học liệu số\tSở B\t\t',
    ]);
    expect(d.targets).toEqual([]);
    expect(d.tasks.map((t) => [t.seq, t.sectionPath, t.due.kind])).toEqual([
      [7, ['Y tế số'], 'date'],
      [8, ['Giáo dục số'], 'none'],
    ]);
  });

  it('takes the one paragraph under a task heading as the task (issue #14)', () => {
    const d = draftOf(['KẾ HOẠCH', 'Việc năm 2026', 'II. NHIỆM VỤ', '1. Thu hút nguồn lực', '', 'Đề xuất cơ chế huy động vốn xã hội cho hạ tầng số.', '2. Tăng cường hợp tác']);
    expect(d.tasks.map((t) => [t.seq, t.title])).toEqual([
      [1, 'Đề xuất cơ chế huy động vốn xã hội cho hạ tầng số.'],
      [2, 'Tăng cường hợp tác'],
    ]);
  });

  it('throws InputError only for an empty or binary document', () => {
    expect(() => draftOf([''])).toThrow(InputError);
    expect(() => extractPlanDraft(readTextDocument('abc\u0000', 'b'), resolve)).toThrow(InputError);
  });

  it('survives a resolver that throws', () => {
    const d = extractPlanDraft(readTextDocument('KẾ HOẠCH\nViệc\n\nII. NHIỆM VỤ\n\n- Sở A chủ trì làm việc.', 't'), () => {
      throw new Error('registry down');
    });
    expect(d.tasks[0]?.lead).toEqual([{ name: 'Sở A', code: null, collective: false }]);
  });

  it('any text gives a draft or an InputError with a line, never a crash (property)', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('I. MỤC TIÊU', 'II. NHIỆM VỤ', '1. Mục', '- 50% việc', '+ Sở A chủ trì:', 'a) Thời hạn: Quý I/2026', 'STT\tMục tiêu\tĐơn vị chủ trì', '1\t≥ 2 lần\tSở A', '\tII\tPhần', ''),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        try {
          const d = draftOf(lines);
          for (const item of [...d.targets, ...d.tasks]) expect(item.source.line).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).problems[0]?.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on large inputs (no pathological backtracking)', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `- ${i}% việc số ${'a'.repeat(i % 50)}, ${i % 7} mô hình; tối thiểu ${i} lần`).join('\n');
    const d = draftOf(['KẾ HOẠCH', 'Việc', 'I. MỤC TIÊU', big]);
    expect(d.targets.length).toBeGreaterThan(2000);
  });

  describe('plans from outside the city and of many headings (issue #14)', () => {
    const plan = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH THÁI NGUYÊN',
      'Số: 12/KH-UBND',
      'Thái Nguyên, ngày 02 tháng 02 năm 2026',
      'KẾ HOẠCH',
      'Phát triển du lịch số giai đoạn 2026–2030',
      'I. MỤC TIÊU',
      'Hiện nay toàn tỉnh có khoảng 40% điểm du lịch có vé điện tử.',
      'Đến năm 2030, 90% điểm du lịch có vé điện tử.',
      'II. XÂY DỰNG NỀN TẢNG DU LỊCH THÔNG MINH',
      '1. Bản đồ số điểm đến',
      'Sở A thúc đẩy các doanh nghiệp cập nhật dữ liệu điểm đến lên bản đồ số.',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Sở B',
      'Sở B theo dõi, tổng hợp kết quả.',
    ];
    const d = draftOf(plan);

    it('reads the issuer as the whole body, with its place', () => {
      expect(d.plan.issuer).toBe('Ủy ban nhân dân tỉnh Thái Nguyên');
    });
    it('takes the target, not the baseline paragraph, and the title period as the plan horizon with a warning', () => {
      expect(d.targets.map((t) => [t.goal.op, t.goal.value])).toEqual([['>=', 90]]);
      expect(d.targets[0]?.due).toMatchObject({ kind: 'date', end: '2030-12-31' });
    });
    it('reads tasks under a top-level heading that is not "Nhiệm vụ", and none under "Tổ chức thực hiện"', () => {
      expect(d.tasks).toHaveLength(1);
      expect(d.tasks[0]?.title).toMatch(/^Sở A thúc đẩy/);
      expect(d.tasks[0]?.lead.map((u) => u.name)).toEqual(['Sở A']);
      expect(d.tasks[0]?.due).toMatchObject({ kind: 'range', start: '2026-01-01', end: '2030-12-31', inherited: 'plan' });
      expect(d.warnings.some((w) => w.code === 'missing_deadline' && w.line === d.tasks[0]?.source.line)).toBe(true);
    });
    it("keeps another province's units as names without a registry code, and says so", () => {
      // The stand-in registry knows "Sở A" as SO_A: the plan's Sở A is Thái Nguyên's, not that one.
      expect(d.tasks[0]?.lead[0]).toEqual({ name: 'Sở A', code: null, collective: false });
      const outside = d.warnings.find((w) => w.code === 'unit_outside_registry' && w.said?.params.name === 'Sở A');
      expect(outside?.said).toEqual({ code: 'plan_draft.unit_outside_registry', params: { name: 'Sở A', outside: 'tỉnh Thái Nguyên' } });
      // Stored in Vietnamese only; the API says it in the reader's language from the code.
      expect(outside?.message).toBe('Đơn vị "Sở A" thuộc tỉnh Thái Nguyên, không có trong danh mục: giữ tên');
      expect(draftWarningsIn([outside!], 'en')[0]?.message).toBe('The unit "Sở A" belongs to tỉnh Thái Nguyên, outside the registry: kept as a name');
    });
    it('says each warning in one language, with its catalogued code', () => {
      expect(d.warnings.length).toBeGreaterThan(0);
      for (const w of d.warnings) {
        expect(w.said?.code, w.code).toMatch(/^plan_draft\./);
        expect(w.message, w.code).not.toMatch(/ \/ /);
      }
      const taskDeadline = d.warnings.find((w) => w.code === 'missing_deadline' && w.line === d.tasks[0]?.source.line)!;
      expect(taskDeadline.message).toBe('Nhiệm vụ chưa có thời hạn riêng (dùng năm của kế hoạch)');
      expect(draftWarningsIn([taskDeadline], 'en')[0]?.message).toBe('The task has no deadline of its own (the plan’s year is used)');
    });
  });
});
