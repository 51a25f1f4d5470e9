import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/use-cases/demo/seed-demo-if-empty.ts';
import { eventBusFor } from '../../src/realtime/event-bus.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../src/domain/scoring/load-framework.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { refreshScoreSnapshots } from '../../src/use-cases/scores/refresh-score-snapshots.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';

const PASSWORD = 'lanh-dao-mat-khau-2026';

async function signedIn(browser: Browser, viewport: { width: number; height: number }, url: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const res = await context.request.post(`${url}/api/v1/auth/login`, { data: { username: 'lanh.dao', password: PASSWORD } });
  expect(res.status()).toBe(200);
  return context;
}

async function noHorizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('leader screens in a real browser, on the demo city', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      await seedDemoIfEmpty(ctx);
      await refreshScoreSnapshots(ctx, frameworkFromFile(SHIPPED_FRAMEWORK_PATH), String(ctx.now().getUTCFullYear()));
      await createUser(ctx, 'test:e2e', { username: 'lanh.dao', displayName: 'Lãnh đạo Thành phố', unit: 'HN', role: 'viewer', password: PASSWORD });
    });
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the overview with status counts, then drills down to a target chart with its goal', async () => {
    const context = await signedIn(browser, VIEWPORTS.desktop, server.url);
    const page = await context.newPage();
    // The pages run under a strict Content Security Policy: nothing they need may be refused by it.
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${server.url}/`);
    const counts = page.locator('.status-counts').first();
    await counts.waitFor({ timeout: 60_000 });
    expect(await counts.innerText()).toContain('Đạt');
    const total = (await counts.locator('.count-value').allInnerTexts()).reduce((s, v) => s + Number(v), 0);
    expect(total).toBeGreaterThan(0);
    await page.locator('.pillar').first().waitFor();
    // The riskiest targets say what they are about: the target's text and the unit's name — the
    // code is only a detail.
    const risk = page.locator('.risks li', { has: page.locator('a[href^="/targets/"]') }).first();
    await risk.waitFor({ timeout: 60_000 });
    const riskLink = risk.locator('a[href^="/targets/"]');
    const riskCode = decodeURIComponent(new URL((await riskLink.getAttribute('href'))!, server.url).pathname.replace('/targets/', ''));
    const riskTitle = await riskLink.innerText();
    expect(riskTitle).not.toBe(riskCode);
    expect(riskTitle).toMatch(/[a-zà-ỹ]{3,} [a-zà-ỹ]/i);
    expect(await risk.innerText()).toMatch(/Phường|Thành phố|Sở|Quận|Xã|UBND|Hà Nội/);
    await screenshot(page, 'leader-overview');

    // Live: an event on the server's bus reaches the open page through SSE, without a reload.
    await page.locator('.live .dot.on').waitFor({ timeout: 30_000 });
    // The event makes the overview read its one answer again; wait for it so that it is not
    // mistaken for a request of the target page below.
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/v1/overview?unit='), { timeout: 60_000 });
    eventBusFor(server.ctx.database).publish({ type: 'observation', indicator: 'DEMO_DVC_TRUC_TUYEN', unit: 'HN_P_VINH_TUY', period: '2026-10' });
    await expect.poll(() => page.locator('#h-changes + p').innerText(), { timeout: 30_000 }).toContain('đã nhận: 1');
    await reloaded;

    // The risk leads to its target's page, which asks the server for that target only.
    const evaluationRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/evaluation')) evaluationRequests.push(r.url());
    });
    await riskLink.click();
    // The heading names the target by its text; its code is a detail beside it.
    await expect.poll(() => page.locator('main [data-detail]').first().innerText()).toContain(riskCode);
    await page.locator('.target-chart svg').waitFor({ timeout: 60_000 });
    expect(evaluationRequests.length).toBeGreaterThan(0);
    for (const url of evaluationRequests) expect(new URL(url).searchParams.get('target')).toBe(riskCode);
    // The overview cuts long wordings to a line; the target's page shows the whole.
    expect(await page.locator('h1').innerText()).toContain(riskTitle.replace(/…$/, ''));
    await page.goto(`${server.url}/`);
    await page.locator('.status-counts').first().waitFor({ timeout: 60_000 });

    // Drill down through the ward's page to one of its targets.
    await page.goto(`${server.url}/units/HN_P_VINH_TUY`);
    // A measured target (plan items without an indicator are "thiếu dữ liệu" and have no chart).
    const link = page.locator('.data-table tbody tr', { hasNot: page.getByText(/Thiếu dữ liệu|Chưa gắn chỉ số/) }).locator('a[href^="/targets/"]').first();
    await link.waitFor({ timeout: 60_000 });
    const code = decodeURIComponent((await link.getAttribute('href'))!.split('?')[0]!.replace('/targets/', ''));
    const text = await link.innerText();
    await link.click();
    await expect.poll(() => page.locator('h1').innerText()).toContain(text);
    expect(await page.locator('main [data-detail]').first().innerText()).toContain(code);
    await page.locator('.target-chart svg').waitFor({ timeout: 60_000 });
    expect(await page.locator('.target-chart svg path').count()).toBeGreaterThan(0);
    const goal = await page.locator('.goal-value').innerText();
    expect(goal).toMatch(/\d/);
    // The goal line's label on the chart shows the same number.
    const goalNumber = goal.replace(/^[<>=≥≤]+\s*/, '');
    await expect.poll(() => page.locator('.target-chart svg').textContent()).toContain(goalNumber);
    // The forecast says which model it rests on (the demo city's series are long enough for one),
    // and a saturating curve its ceiling.
    const model = page.locator('[data-forecast-model]');
    expect(['trend', 'seasonal', 'break', 'saturating']).toContain(await model.getAttribute('data-forecast-model'));
    const modelText = await model.innerText();
    expect(modelText).toMatch(/^Mô hình dự báo: (xu hướng|đường bão hòa)/);
    if ((await model.getAttribute('data-forecast-model')) === 'saturating') expect(modelText).toMatch(/trần ước tính \d/);
    await screenshot(page, 'leader-target');
    expect(refused).toEqual([]);
    await context.close();
  }, 300_000);

  it('names the signed-in person and their unit on every leader screen, and signs out from the top bar', async () => {
    const context = await signedIn(browser, VIEWPORTS.desktop, server.url);
    const page = await context.newPage();
    for (const screen of ['/', '/plans', '/behind', '/ranking', '/tasks', '/problems']) {
      await page.goto(`${server.url}${screen}`);
      const who = page.locator('header .who');
      await expect.poll(() => who.innerText(), { timeout: 30_000 }).toContain('Lãnh đạo Thành phố');
      // The unit by its name, never its code.
      expect(await who.innerText()).toContain('Thành phố Hà Nội');
      expect(await who.innerText()).not.toMatch(/\bHN\b/);
    }
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${server.url}/login`);
    const me = (await (await context.request.get(`${server.url}/api/v1/auth/me`)).json()) as { user: unknown };
    expect(me.user).toBeNull();
    // Signed out, the top bar offers the way back in.
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('header').innerText(), { timeout: 30_000 }).toContain('Đăng nhập');
    expect(await page.locator('header .who').count()).toBe(0);
    await context.close();
  });

  it('sorts the ranking, explains a score, and exports it to an XLSX file', async () => {
    const context = await signedIn(browser, VIEWPORTS.desktop, server.url);
    const page = await context.newPage();
    await page.goto(`${server.url}/ranking`);
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    // Progress and criteria with data come before the points (never one number): the points column is found by its header.
    const headers = await page.locator('.data-table thead th').allInnerTexts();
    const pointsColumn = headers.findIndex((h) => /^Điểm/.test(h.trim())) + 1;
    expect(pointsColumn).toBeGreaterThan(0);
    expect(headers.some((h) => /^Tiến độ/.test(h.trim()))).toBe(true);
    const scores = async () => (await page.locator(`.data-table tbody tr td:nth-child(${pointsColumn})`).allInnerTexts()).map((s) => Number(s.split('/')[0]!.trim().replace(/\./g, '').replace(',', '.')));
    await page.getByRole('button', { name: /^Điểm/ }).click(); // ascending
    await page.getByRole('button', { name: /^Điểm/ }).click(); // descending
    const desc = await scores();
    expect(desc.length).toBeGreaterThan(1);
    expect([...desc].sort((a, b) => b - a)).toEqual(desc);
    await page.locator('button.expand').first().click();
    await expect.poll(() => page.locator('tr.expanded').innerText(), { timeout: 30_000 }).toContain('Tiêu chí');
    await screenshot(page, 'leader-ranking');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).first().click()]);
    const dir = path.resolve('test-output/downloads');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(file.endsWith('.xlsx')).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Hạng');
    expect(sheet.rowCount).toBe(desc.length + 1);
    await context.close();
  }, 300_000);

  it('lists tasks overdue first, with the "6 rõ" column', async () => {
    const context = await signedIn(browser, VIEWPORTS.desktop, server.url);
    const page = await context.newPage();
    await page.goto(`${server.url}/tasks`);
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    const overdueFlags = await page.locator('.data-table tbody tr').evaluateAll((rows) => rows.map((r) => r.classList.contains('overdue')));
    expect(overdueFlags.length).toBeGreaterThan(0);
    expect(overdueFlags[0]).toBe(true);
    const firstNotOverdue = overdueFlags.indexOf(false);
    if (firstNotOverdue >= 0) expect(overdueFlags.slice(firstNotOverdue).includes(true)).toBe(false);
    expect(await page.locator('thead').innerText()).toContain('6 rõ');
    await screenshot(page, 'leader-tasks');
    await context.close();
  }, 300_000);

  it('fits 375 px on every leader screen (no horizontal overflow) and saves phone screenshots', async () => {
    const context = await signedIn(browser, VIEWPORTS.phone, server.url);
    const page = await context.newPage();
    const screens: [string, string, string][] = [
      ['/', '.status-counts', 'leader-overview'],
      ['/plans', '.data-table tbody tr', 'leader-plans'],
      ['/ranking', '.data-table tbody tr', 'leader-ranking'],
      ['/tasks', '.data-table tbody tr', 'leader-tasks'],
      ['/units/HN_P_VINH_TUY', '.data-table', 'leader-unit'],
    ];
    for (const [route, ready, name] of screens) {
      await page.goto(`${server.url}${route}`);
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      expect(await noHorizontalOverflow(page), route).toBeLessThanOrEqual(0);
      await screenshot(page, name);
    }
    const plan = page.locator('.data-table tbody a').first();
    await page.goto(`${server.url}/plans`);
    await plan.click();
    await page.locator('.panel').first().waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'leader-plan');
    await page.goto(`${server.url}/units/HN_P_VINH_TUY`);
    await page.locator('.data-table tbody tr', { hasNot: page.getByText(/Thiếu dữ liệu|Chưa gắn chỉ số/) }).locator('a[href^="/targets/"]').first().click();
    await page.locator('.target-chart svg').waitFor({ timeout: 60_000 });
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'leader-target');
    await context.close();

    const desktop = await signedIn(browser, VIEWPORTS.desktop, server.url);
    const d = await desktop.newPage();
    for (const [route, ready, name] of [['/plans', '.data-table tbody tr', 'leader-plans'], ['/units/HN_P_VINH_TUY', '.data-table', 'leader-unit']] as const) {
      await d.goto(`${server.url}${route}`);
      await d.locator(ready).first().waitFor({ timeout: 60_000 });
      await screenshot(d, name);
    }
    await desktop.close();
  }, 300_000);
});
