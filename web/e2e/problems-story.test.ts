import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { createIndicator } from '../../src/testing/factories.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { createToken } from '../../src/use-cases/tokens/create-token.ts';
import { seedBuiltInRegistry } from '../../src/use-cases/units/seed-built-in-registry.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';
import { expectNoHorizontalOverflow, PASSWORD, signedIn, type Person } from './workspace-seed.ts';

const WARD = 'HN_P_VINH_TUY';
const SECOND_WARD = 'HN_P_BA_DINH';
const KPI_INDICATOR = 'BT_TY_LE_XU_LY_NGAP';
const PEOPLE = {
  wardReporter: { username: 'vinhtuy.debai', displayName: 'Phạm Thị Hoa', unit: WARD, role: 'reporter' },
  cityAdmin: { username: 'thanhpho.tiepnhan', displayName: 'Đỗ Quang Huy', unit: 'HN', role: 'unit_admin' },
  leader: { username: 'thanhpho.lanhdao', displayName: 'Lãnh đạo Thành phố', unit: 'HN', role: 'viewer' },
} satisfies Record<string, Person>;

// Pilot months: six before the start (2025-09 … 2026-02), six from it (2026-03 … 2026-08).
const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
const START_INDEX = 6;
// The treated wards gain 4.8, 5.0 and 5.2 points from the start, the comparison wards −0.1, 0 and
// 0.1, on top of a trend common to all: the true effect is 5 points.
const KNOWN_EFFECT = 5;
const TREATED_GAINS = [4.8, 5, 5.2];
const COMPARISON_GAINS = [-0.1, 0, 0.1];

/** Texts written for this test (the seeds' sentences never appear in the project). */
const PROPOSAL = {
  name: 'Ngập úng cục bộ trên các tuyến phố sau mưa lớn',
  problem: 'Sau mỗi trận mưa lớn, nhiều tuyến phố trong phường bị ngập úng cục bộ kéo dài nhiều giờ, người dân phản ánh qua đường dây nóng nhưng phường không biết trước điểm ngập nào sẽ xuất hiện.',
  currentHandling: 'Tổ dân phố báo ngập qua điện thoại, cán bộ đến tận nơi ghi nhận; hạn chế: thông tin chậm, không tổng hợp được điểm ngập thường xuyên.',
  managementNeed: 'Phường cần biết sớm điểm ngập úng và thời gian rút nước để điều phối lực lượng và thông báo cho người dân.',
  pilotScope: 'Thử nghiệm trên các tuyến phố hay ngập của phường trong mùa mưa.',
  contactName: 'Phạm Thị Hoa',
};

async function api(server: TestServer, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: false }).first().fill(value);
}

describe('problems registry story in a real browser: propose, merge, appraise, publish, solve, pilot, measure', () => {
  let server: TestServer;
  let browser: Browser;
  let secondWardToken = '';
  let adminToken = '';
  let wards: string[] = [];
  const userIds = new Map<string, number>();
  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      await seedBuiltInRegistry(ctx);
      for (const p of Object.values(PEOPLE)) userIds.set(p.username, (await createUser(ctx, 'test:seed', { ...p, password: PASSWORD })).id);
      await createIndicator(ctx.db, { code: KPI_INDICATOR, name: 'Tỷ lệ điểm ngập được xử lý trong 2 giờ', measure: '%', direction: 'up' });
      secondWardToken = (await createToken(ctx, 'test', { unit: SECOND_WARD, role: 'reporter', scopes: [] })).token;
      adminToken = (await createToken(ctx, 'test', { unit: 'HN', role: 'unit_admin', scopes: [] })).token;
      const communes = await ctx.db.selectFrom('units').select('code').where('kind', '=', 'commune').orderBy('code').limit(12).execute();
      wards = communes.map((c) => c.code).filter((c) => c !== WARD && c !== SECOND_WARD).slice(0, 6);
    });
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('goes from a ward proposal to a measured pilot', async () => {
    expect(wards).toHaveLength(6);
    // 1. The ward reporter proposes through Mẫu 01: a budget is refused beside its field, then accepted.
    const ward = await signedIn(browser, server.url, PEOPLE.wardReporter);
    await ward.page.goto(`${server.url}/problems/propose`);
    await ward.page.getByRole('heading', { name: 'Đề xuất bài toán' }).waitFor({ timeout: 60_000 });
    await fill(ward.page, 'Tên bài toán', PROPOSAL.name);
    await ward.page.getByLabel('Môi trường').check();
    await ward.page.getByLabel('Quản lý đô thị').check();
    await fill(ward.page, 'Mô tả vấn đề thực tiễn', PROPOSAL.problem);
    await fill(ward.page, 'Cách thức đang xử lý hiện nay và hạn chế', `${PROPOSAL.currentHandling} Đề nghị cấp kinh phí 300 triệu đồng.`);
    await fill(ward.page, 'Nhu cầu quản lý đặt ra', PROPOSAL.managementNeed);
    await fill(ward.page, 'Phạm vi và khả năng thử nghiệm', PROPOSAL.pilotScope);
    await fill(ward.page, 'Người liên hệ', PROPOSAL.contactName);
    await ward.page.getByRole('button', { name: 'Gửi đề xuất' }).click();
    const fieldError = ward.page.locator('#p-currentHandling-error');
    await fieldError.waitFor({ timeout: 30_000 });
    expect(await fieldError.innerText()).toMatch(/kinh phí/i);
    expect(await ward.page.getByLabel('Cách thức đang xử lý hiện nay và hạn chế').getAttribute('aria-invalid')).toBe('true');
    await fill(ward.page, 'Cách thức đang xử lý hiện nay và hạn chế', PROPOSAL.currentHandling);
    await ward.page.getByRole('button', { name: 'Gửi đề xuất' }).click();
    const sent = ward.page.locator('[role="status"]', { hasText: 'Đã gửi đề xuất' });
    await sent.waitFor({ timeout: 30_000 });
    const firstCode = /BT-\d{4}-\d{4}/.exec(await sent.innerText())![0];
    await expect.poll(() => ward.page.locator('table.own-problems').innerText(), { timeout: 30_000 }).toContain('Đã đề xuất');
    await ward.page.setViewportSize(VIEWPORTS.phone);
    await expectNoHorizontalOverflow(ward.page);
    await ward.context.close();

    // 2. A second ward proposes a near-duplicate through the API.
    const second = await api(server, secondWardToken, 'POST', '/api/v1/problems', {
      unit: SECOND_WARD, fields: ['environment'],
      name: 'Tuyến phố ngập úng kéo dài sau mưa lớn',
      problem: 'Mưa lớn làm nhiều tuyến phố của phường ngập úng nhiều giờ; người dân phản ánh nhưng phường không biết trước điểm ngập.',
      currentHandling: 'Cán bộ phường đi kiểm tra từng điểm ngập; thông tin đến chậm.',
      managementNeed: 'Biết sớm điểm ngập úng để điều phối lực lượng và báo cho người dân.',
      pilotScope: 'Các tuyến phố hay ngập của phường.', contactName: 'Lê Văn Nam',
    });
    expect(second.status).toBe(201);
    const secondCode = (second.json as { code: string }).code;

    // 3. The city administrator sees the pair, merges, appraises, adds a KPI and publishes.
    const admin = await signedIn(browser, server.url, PEOPLE.cityAdmin);
    await admin.page.goto(`${server.url}/problems`);
    const pair = admin.page.locator('.dup-pair').first();
    await pair.waitFor({ timeout: 60_000 });
    expect(await pair.innerText()).toContain(PROPOSAL.name);
    expect(await pair.innerText()).toContain('Tuyến phố ngập úng kéo dài sau mưa lớn');
    await pair.getByRole('button', { name: /^Gộp/ }).click();
    await admin.page.waitForURL((u) => /\/problems\/BT-\d{4}-\d{4}$/.test(u.pathname) && !u.pathname.endsWith(firstCode) && !u.pathname.endsWith(secondCode), { timeout: 30_000 });
    const mergedCode = admin.page.url().split('/').pop()!;
    await admin.page.locator('.state', { hasText: 'Đã tổng hợp' }).waitFor({ timeout: 30_000 });
    const origins = await admin.page.locator('#h-origins + ul').innerText();
    expect(origins).toContain(firstCode);
    expect(origins).toContain(secondCode);
    // Appraising without a scale is refused with the server's message.
    await admin.page.getByRole('button', { name: 'Chuyển sang: Đã thẩm định' }).click();
    await expect.poll(() => admin.page.locator('[role="alert"]').first().innerText(), { timeout: 30_000 }).toMatch(/scale|quy mô/i);
    await admin.page.getByLabel('Quy mô').selectOption('extended_pilot');
    await admin.page.getByRole('button', { name: 'Lưu quy mô' }).click();
    await admin.page.locator('dd', { hasText: 'Thí điểm mở rộng' }).waitFor({ timeout: 30_000 });
    await admin.page.getByLabel('Ghi chú').first().fill('Đã thẩm định quy mô thí điểm');
    await admin.page.getByRole('button', { name: 'Chuyển sang: Đã thẩm định' }).click();
    await admin.page.locator('.state', { hasText: 'Đã thẩm định' }).waitFor({ timeout: 30_000 });
    await fill(admin.page, 'Mã chỉ số', KPI_INDICATOR);
    await fill(admin.page, 'Giá trị nền', '60');
    await fill(admin.page, 'Mục tiêu', '80');
    await fill(admin.page, 'Hạn (dd/mm/yyyy)', '31/12/2026');
    await admin.page.getByRole('button', { name: 'Thêm KPI' }).click();
    const kpiRow = admin.page.locator('table.kpis tbody tr').first();
    await kpiRow.waitFor({ timeout: 30_000 });
    expect(await kpiRow.innerText()).toContain('Tỷ lệ điểm ngập được xử lý trong 2 giờ');
    expect(await kpiRow.innerText()).toContain('31/12/2026');
    expect(await kpiRow.locator('a').getAttribute('href')).toMatch(/^\/targets\//);
    await admin.page.getByRole('button', { name: 'Chuyển sang: Đã công bố' }).click();
    await admin.page.locator('.state', { hasText: 'Đã công bố' }).waitFor({ timeout: 30_000 });
    const history = await admin.page.locator('table.history').innerText();
    expect(history).toContain('Đã thẩm định quy mô thí điểm');
    // The person by their display name (from the users table, never the records), their recorded id on hover.
    expect(history).toContain(PEOPLE.cityAdmin.displayName);
    expect(history).not.toContain(PEOPLE.cityAdmin.username);
    expect(await admin.page.locator('table.history td', { hasText: PEOPLE.cityAdmin.displayName }).first().getAttribute('title')).toBe(`user:${userIds.get(PEOPLE.cityAdmin.username)}`);
    expect(history).toMatch(/\d{2}\/\d{2}\/\d{4}/);

    // 4. An anonymous visitor opens the public page and proposes a solution (Mẫu 02).
    const visitorContext = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'vi-VN' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${server.url}/public/problems`);
    const card = visitor.locator('.public-problem', { hasText: PROPOSAL.name });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.innerText()).not.toContain(PROPOSAL.contactName);
    await card.getByRole('button', { name: 'Gửi đề xuất giải pháp' }).click();
    const openedAt = Date.now();
    await fill(visitor, 'Tên tổ chức', 'Viện Nghiên cứu Đô thị Thử nghiệm');
    await visitor.getByLabel('Loại tổ chức').selectOption('institute');
    await fill(visitor, 'Người liên hệ', 'Hoàng Minh Tuấn');
    await fill(visitor, 'Thư điện tử', 'tuan@vien-thu-nghiem.vn');
    await fill(visitor, 'Hướng tiếp cận giải pháp', 'Lắp cảm biến mực nước tại điểm ngập và cảnh báo sớm cho phường.');
    await fill(visitor, 'Cam kết KPI', 'Tỷ lệ điểm ngập được xử lý trong 2 giờ đạt 80 %');
    await fill(visitor, 'Cam kết thời gian', '6 tháng');
    await visitor.getByRole('checkbox', { name: /đồng ý/ }).check();
    expect(await visitor.locator('.purpose').innerText()).not.toBe('');
    await expectNoHorizontalOverflow(visitor);
    await screenshot(visitor, 'problems-public');
    await visitor.setViewportSize(VIEWPORTS.phone);
    await expectNoHorizontalOverflow(visitor);
    await visitor.setViewportSize(VIEWPORTS.desktop);
    // The API refuses a form sent under its minimum fill time (5 s): wait it out as a person would.
    await visitor.waitForTimeout(Math.max(0, 6_000 - (Date.now() - openedAt)));
    await visitor.getByRole('button', { name: 'Gửi đề xuất giải pháp' }).click();
    // The capability was left out: the server's message stands beside that field.
    const capabilityError = visitor.locator('.field-error[id$="-capability-error"]');
    await capabilityError.waitFor({ timeout: 30_000 });
    expect(await capabilityError.innerText()).toContain('bắt buộc');
    await fill(visitor, 'Năng lực', 'Nhóm nghiên cứu thủy văn đô thị, đã đo mực nước tại nhiều quận.');
    await visitor.getByRole('button', { name: 'Gửi đề xuất giải pháp' }).click();
    await visitor.locator('[role="status"]', { hasText: 'Đã nhận đề xuất giải pháp' }).waitFor({ timeout: 30_000 });
    await visitorContext.close();

    // 5. The administrator shortlists, then selects it.
    await admin.page.reload();
    const solution = admin.page.locator('.solution', { hasText: 'Viện Nghiên cứu Đô thị Thử nghiệm' });
    await solution.waitFor({ timeout: 60_000 });
    expect(await solution.innerText()).toContain('tuan@vien-thu-nghiem.vn');
    await solution.getByLabel('Ghi chú đánh giá').fill('Hướng tiếp cận phù hợp');
    await solution.getByRole('button', { name: 'Đưa vào danh sách ngắn' }).click();
    await solution.locator('.sol-state', { hasText: 'Danh sách ngắn' }).waitFor({ timeout: 30_000 });
    await solution.getByLabel('Ghi chú đánh giá').fill('Chọn để thí điểm');
    await solution.getByRole('button', { name: 'Chọn', exact: true }).click();
    await solution.locator('.sol-state', { hasText: 'Được chọn' }).waitFor({ timeout: 30_000 });
    await admin.context.close();

    // 6. A pilot on the KPI's indicator, fed monthly through the ingest API, with a known effect.
    const [treated, comparison] = [wards.slice(0, 3), wards.slice(3, 6)];
    const observations = [...treated.map((u, i) => [u, TREATED_GAINS[i]!] as const), ...comparison.map((u, i) => [u, COMPARISON_GAINS[i]!] as const)].flatMap(([unit, gain], j) =>
      MONTHS.map((period, m) => ({ indicator: KPI_INDICATOR, unit, period, value: 50 + 3 * j + 0.4 * m + (m >= START_INDEX ? gain : 0) })));
    expect((await api(server, adminToken, 'POST', '/api/v1/observations', { source: 'thu-nghiem-ngap', observations })).status).toBe(200);
    const pilot = await api(server, adminToken, 'POST', '/api/v1/pilots', {
      code: 'TD-NGAP-01', title: 'Cảnh báo sớm điểm ngập', indicators: [KPI_INDICATOR], treatedUnits: treated, comparisonUnits: comparison, start: MONTHS[START_INDEX], state: 'running', problemCode: mergedCode,
    });
    expect(pilot.status).toBe(201);
    // A second pilot started two months before the last data: too few months after its start.
    const young = await api(server, adminToken, 'POST', '/api/v1/pilots', {
      code: 'TD-NGAP-02', title: 'Cảnh báo ngập qua tổ dân phố', indicators: [KPI_INDICATOR], treatedUnits: treated, comparisonUnits: comparison, start: '2026-07', state: 'running', problemCode: mergedCode,
    });
    expect(young.status).toBe(201);

    // 7. The leader's view: counts, and the pilot's effect with an interval that holds the known effect.
    const leader = await signedIn(browser, server.url, PEOPLE.leader);
    await leader.page.goto(`${server.url}/problems/overview`);
    await leader.page.getByRole('heading', { name: 'Bài toán và thí điểm' }).waitFor({ timeout: 60_000 });
    // Starting a pilot on the published problem moved it on: it is now being piloted.
    await expect.poll(() => leader.page.locator('#h-by-state + table').innerText(), { timeout: 30_000 }).toContain('Đang thí điểm');
    expect(await leader.page.locator('#h-by-ward + table').innerText()).toContain('Phường Vĩnh Tuy');
    const insufficient = leader.page.locator('.pilot', { hasText: 'TD-NGAP-02' }).locator('.effect.insufficient');
    await insufficient.waitFor({ timeout: 60_000 });
    expect(await insufficient.innerText()).toMatch(/^Chưa đủ số liệu: \S/);
    const effect = leader.page.locator('.pilot', { hasText: 'TD-NGAP-01' }).locator('.effect').first();
    await effect.waitFor({ timeout: 60_000 });
    const words = await effect.innerText();
    const m = /Hiệu quả ước lượng \+([\d,]+) điểm %, khoảng tin cậy 90 %: (-?[\d,]+) đến (-?[\d,]+)/.exec(words);
    expect(m, words).not.toBeNull();
    const [estimate, low, high] = [m![1]!, m![2]!, m![3]!].map((s) => Number(s.replace(',', '.')));
    expect(low).toBeLessThanOrEqual(KNOWN_EFFECT);
    expect(high).toBeGreaterThanOrEqual(KNOWN_EFFECT);
    expect(Math.abs(estimate! - KNOWN_EFFECT)).toBeLessThan(0.5);
    const measured = leader.page.locator('.pilot', { hasText: 'TD-NGAP-01' });
    await measured.locator('.pilot-chart svg').waitFor({ timeout: 60_000 });
    const chartText = await measured.locator('.pilot-chart').innerText();
    expect(chartText).toContain('Bắt đầu thí điểm');
    expect(chartText).toContain('Đơn vị đối chứng');
    await expectNoHorizontalOverflow(leader.page);
    await screenshot(leader.page, 'problems-leaders');
    await leader.page.setViewportSize(VIEWPORTS.phone);
    // The charts redraw to the narrower column as their containers shrink.
    await expect.poll(() => leader.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { timeout: 10_000 }).toBeLessThanOrEqual(0);
    await screenshot(leader.page, 'problems-leaders');
    await leader.context.close();
  }, 300_000);
});
