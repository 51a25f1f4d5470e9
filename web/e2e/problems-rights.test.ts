import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, VIEWPORTS } from '../../src/testing/browser.ts';
import { createIndicator } from '../../src/testing/factories.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { createToken } from '../../src/use-cases/tokens/create-token.ts';
import { seedBuiltInRegistry } from '../../src/use-cases/units/seed-built-in-registry.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';
import { PASSWORD, signedIn, type Person } from './workspace-seed.ts';

const WARD = 'HN_P_VINH_TUY';
const PEOPLE = {
  wardReporter: { username: 'vinhtuy.quyen', displayName: 'Trương Thị Quyên', unit: WARD, role: 'reporter' },
  cityAdmin: { username: 'thanhpho.quyen', displayName: 'Mạc Văn Lực', unit: 'HN', role: 'unit_admin' },
} satisfies Record<string, Person>;

/** Written for this test (the seeds' sentences never appear in the project). */
const PROPOSAL = {
  unit: WARD, name: 'Xe tải chở vật liệu đi vào ngõ nhỏ giờ cao điểm', fields: ['Quản lý đô thị'],
  problem: 'Xe tải chở cát, gạch vào các ngõ nhỏ lúc đón trả học sinh, gây tắc và rơi vãi vật liệu.',
  currentHandling: 'Công an phường nhắc nhở khi có phản ánh; chưa biết công trình nào gọi xe vào giờ nào.',
  managementNeed: 'Biết công trình nào đang nhận vật liệu và giờ xe vào để sắp xếp lại giờ giao.',
  pilotScope: 'Các ngõ quanh hai trường tiểu học trong 3 tháng.', contactName: 'Trương Thị Quyên',
};

async function api(server: TestServer, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/**
 * What the problems screens show by the person's rights (docs/problems.md): the moves a person may
 * make (a ward reporter never publishes, the city does), the wards' area types that the city
 * classifies, the screens in English, and the public form's answer when the address is rate-limited.
 */
describe('problems screens by rights, in English, area types, and the rate-limited public form (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let adminToken = '';
  let wardToken = '';
  let wardName = '';
  let code = '';

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      await seedBuiltInRegistry(ctx);
      for (const p of Object.values(PEOPLE)) await createUser(ctx, 'test:seed', { ...p, password: PASSWORD });
      await createIndicator(ctx.db, { code: 'BT_XE_TAI_NGO', name: 'Số lượt xe tải vào ngõ giờ cao điểm', measure: 'lượt', direction: 'down' });
      adminToken = (await createToken(ctx, 'test', { unit: 'HN', role: 'unit_admin', scopes: [] })).token;
      wardToken = (await createToken(ctx, 'test', { unit: WARD, role: 'reporter', scopes: [] })).token;
      wardName = (await ctx.db.selectFrom('units').select('name').where('code', '=', WARD).executeTakeFirstOrThrow()).name;
    });
    // The proposal goes through the API up to "appraised" (with a KPI): the screens are what is tested here.
    const proposed = await api(server, wardToken, 'POST', '/api/v1/problems', PROPOSAL);
    expect(proposed.status).toBe(201);
    code = (proposed.json as { code: string }).code;
    expect((await api(server, adminToken, 'POST', `/api/v1/problems/${code}/transitions`, { to: 'consolidated' })).status).toBe(200);
    expect((await api(server, adminToken, 'PATCH', `/api/v1/problems/${code}`, { scaleClass: 'small_test' })).status).toBe(200);
    expect((await api(server, adminToken, 'POST', `/api/v1/problems/${code}/transitions`, { to: 'appraised' })).status).toBe(200);
    expect((await api(server, adminToken, 'POST', `/api/v1/problems/${code}/kpis`, { indicator: 'BT_XE_TAI_NGO', op: '<=', baseline: 30, goal: 5, due: '31/12/2026', unit: WARD })).status).toBe(201);
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a ward reporter sees no "publish" (nor any move) on an appraised problem; the city sees publish and close, and publishes', async () => {
    const ward = await signedIn(browser, server.url, PEOPLE.wardReporter);
    await ward.page.goto(`${server.url}/problems/${code}`);
    await ward.page.getByRole('heading', { name: PROPOSAL.name }).waitFor({ timeout: 60_000 });
    await ward.page.locator('.state', { hasText: 'Đã thẩm định' }).waitFor({ timeout: 30_000 });
    expect(await ward.page.getByRole('button', { name: 'Chuyển sang: Đã công bố' }).count()).toBe(0);
    expect(await ward.page.locator('.move-buttons button').count()).toBe(0);

    const admin = await signedIn(browser, server.url, PEOPLE.cityAdmin);
    await admin.page.goto(`${server.url}/problems/${code}`);
    await admin.page.getByRole('heading', { name: PROPOSAL.name }).waitFor({ timeout: 60_000 });
    const moves = await admin.page.locator('.move-buttons button').allInnerTexts();
    expect(moves.sort()).toEqual(['Chuyển sang: Đã công bố', 'Chuyển sang: Đã đóng'].sort());
    await admin.page.getByRole('button', { name: 'Chuyển sang: Đã công bố' }).click();
    await admin.page.locator('.state', { hasText: 'Đã công bố' }).waitFor({ timeout: 30_000 });

    await ward.page.reload();
    await ward.page.locator('.state', { hasText: 'Đã công bố' }).waitFor({ timeout: 60_000 });
    expect(await ward.page.locator('.move-buttons button').count()).toBe(0);
    await ward.context.close();
    await admin.context.close();
  }, 300_000);

  it('area types: the city classifies a ward on the catalogue; the catalogue shows it; a ward reporter sees it without controls', async () => {
    const admin = await signedIn(browser, server.url, PEOPLE.cityAdmin);
    await admin.page.goto(`${server.url}/problems`);
    const panel = admin.page.locator('section.area-types');
    await panel.getByRole('heading', { name: 'Phân loại xã/phường theo loại địa bàn' }).waitFor({ timeout: 60_000 });
    const select = panel.getByRole('combobox', { name: `Loại địa bàn: ${wardName}`, exact: true });
    await select.waitFor({ timeout: 30_000 });
    expect(await select.inputValue()).toBe('');
    await select.selectOption('peri_urban');
    await panel.getByRole('button', { name: `Lưu loại địa bàn: ${wardName}` }).click();
    await panel.locator('[role="status"]', { hasText: 'Đã lưu loại địa bàn' }).waitFor({ timeout: 30_000 });
    const stored = await api(server, adminToken, 'GET', '/api/v1/problems/area-types');
    expect((stored.json as { areaTypes: { unit: string; areaType: string }[] }).areaTypes).toEqual([expect.objectContaining({ unit: WARD, areaType: 'peri_urban' })]);
    await admin.page.reload();
    const row = admin.page.locator('table.catalogue tbody tr', { hasText: PROPOSAL.name });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.innerText()).toContain('Ven đô');
    await admin.context.close();

    const ward = await signedIn(browser, server.url, PEOPLE.wardReporter);
    await ward.page.goto(`${server.url}/problems`);
    const wardPanel = ward.page.locator('section.area-types');
    await wardPanel.locator('tbody tr', { hasText: wardName }).waitFor({ timeout: 60_000 });
    expect(await wardPanel.locator('tbody tr', { hasText: wardName }).innerText()).toContain('Ven đô');
    expect(await wardPanel.locator('select, button').count()).toBe(0);
    // And the server refuses a ward reporter who tries anyway.
    expect((await api(server, wardToken, 'PUT', `/api/v1/problems/area-types/${WARD}`, { areaType: 'rural' })).status).toBe(403);
    await ward.context.close();
  }, 300_000);

  it('the problems pages in English: catalogue, problem, leaders\' view and the public page', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    await context.addInitScript(() => localStorage.setItem('theodoi.lang', 'en'));
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="username"]').fill(PEOPLE.cityAdmin.username);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').first().click();
    await page.waitForURL((url) => url.pathname !== '/login');

    await page.goto(`${server.url}/problems`);
    await page.getByRole('heading', { name: 'Problem catalogue' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Possible duplicate proposals' }).waitFor();
    await page.getByRole('heading', { name: 'Wards by area type' }).waitFor();
    const row = page.locator('table.catalogue tbody tr', { hasText: PROPOSAL.name });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('Published');
    expect(await row.innerText()).toContain('Urban management');
    const catalogue = await page.locator('main').innerText();
    for (const vi of ['Danh mục bài toán', 'Loại địa bàn', 'Đã công bố', 'Quản lý đô thị']) expect(catalogue).not.toContain(vi);

    await page.goto(`${server.url}/problems/${code}`);
    await page.locator('.state', { hasText: 'Published' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.move-buttons button').allInnerTexts()).toEqual(expect.arrayContaining(['Move to: In pilot']));
    expect(await page.locator('main').innerText()).not.toContain('Chuyển sang');

    await page.goto(`${server.url}/problems/overview`);
    await page.getByRole('heading', { name: 'Problems and pilots' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'By state' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Theo trạng thái');

    await page.goto(`${server.url}/public/problems`);
    const card = page.locator('.public-problem', { hasText: PROPOSAL.name });
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: 'Send solution proposal' }).click();
    await page.getByLabel('Organisation name').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Tên tổ chức');
    await context.close();
  }, 300_000);

  it('the public form rate-limited (429) says so in Vietnamese', async () => {
    // Five forms from this address within the hour use up its allowance (THEODOI_SOLUTION_RATE_LIMIT_MAX).
    for (let i = 0; i < 5; i += 1) expect((await api(server, null, 'POST', `/api/v1/public/problems/${code}/solutions`, {})).status).toBe(422);
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/public/problems`);
    const card = page.locator('.public-problem', { hasText: PROPOSAL.name });
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: 'Gửi đề xuất giải pháp' }).click();
    await page.getByLabel('Tên tổ chức').fill('Công ty Cổ phần Giao thông Thử nghiệm');
    await page.getByLabel('Loại tổ chức').selectOption('company');
    await page.getByRole('textbox', { name: /^Người liên hệ/ }).fill('Lâm Văn Toàn');
    await page.getByRole('checkbox', { name: /đồng ý/ }).check();
    await page.locator('form.solution-form button[type="submit"]').click();
    const alert = page.locator('form.solution-form [role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toBe('Đã gửi quá nhiều đề xuất từ địa chỉ này. Vui lòng thử lại sau.');
    await context.close();
  }, 300_000);
});
