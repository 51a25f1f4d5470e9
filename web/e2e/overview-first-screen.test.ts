import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/use-cases/demo/seed-demo-if-empty.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../src/domain/scoring/load-framework.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { refreshScoreSnapshots } from '../../src/use-cases/scores/refresh-score-snapshots.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';

const PASSWORD = 'tong-quan-mat-khau-2026';
/** Issue #13: a signed-in leader's first overview costs at most 250 KB on the wire (compressed). */
const FIRST_SCREEN_WIRE_BUDGET = 250 * 1024;

interface Transfer { url: string; status: number; encoding: string | null; bytes: number; finished: boolean }

/**
 * Records what Chromium itself counts as received for each request (CDP Network domain): the
 * encoded (compressed) body plus headers as they came over the wire. A stream still open (the live
 * events) counts what it received so far.
 */
async function recordTransfers(session: CDPSession): Promise<Map<string, Transfer>> {
  const transfers = new Map<string, Transfer>();
  await session.send('Network.enable');
  session.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    transfers.set(e.requestId, { url: e.response.url, status: e.response.status, encoding: headers['content-encoding'] ?? null, bytes: 0, finished: false });
  });
  session.on('Network.dataReceived', (e) => {
    const t = transfers.get(e.requestId);
    if (t && !t.finished) t.bytes += e.encodedDataLength;
  });
  session.on('Network.loadingFinished', (e) => {
    const t = transfers.get(e.requestId);
    if (t) {
      t.bytes = Math.max(t.bytes, e.encodedDataLength);
      t.finished = true;
    }
  });
  return transfers;
}

describe('the leader overview: first screen drawn from GET /overview, figures linked to their lists', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  const pillarNames = new Set(frameworkFromFile(SHIPPED_FRAMEWORK_PATH).groups.map((g) => g.name));

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      await seedDemoIfEmpty(ctx);
      await refreshScoreSnapshots(ctx, frameworkFromFile(SHIPPED_FRAMEWORK_PATH), String(ctx.now().getUTCFullYear()));
      await createUser(ctx, 'test:e2e', { username: 'lanh.dao.tq', displayName: 'Lãnh đạo thử', unit: 'HN', role: 'viewer', password: PASSWORD, email: 'lanhdao.thu@hanoi.gov.vn' });
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const res = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'lanh.dao.tq', password: PASSWORD } });
    expect(res.status()).toBe(200);
  }, 600_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('comes with its first screen drawn by the server: at most 250 KB on the wire, no data asked for', async () => {
    const page = await context.newPage();
    const transfers = await recordTransfers(await context.newCDPSession(page));
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${server.url}/`);
    await page.locator('.status-counts .count-value').first().waitFor({ timeout: 120_000 });
    await page.locator('.pillar').first().waitFor();
    await page.locator('.rank-row').first().waitFor();
    await page.locator('.live .dot.on').waitFor({ timeout: 30_000 });
    // Let anything the first render asked for arrive before counting.
    await page.waitForTimeout(1500);

    const all = [...transfers.values()];
    const total = all.reduce((sum, t) => sum + t.bytes, 0);
    const api = all.map((t) => new URL(t.url)).filter((u) => u.pathname.startsWith('/api/'));
    // The page came with its first screen: besides the live stream, it asks the API for nothing.
    expect(api.filter((u) => u.pathname !== '/api/v1/events').map((u) => `${u.pathname}${u.search}`)).toEqual([]);
    // Scripts and styles come compressed; the bytes counted are the compressed ones.
    const assets = all.filter((t) => /\.(js|css)$/.test(new URL(t.url).pathname));
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(a.encoding, a.url).toMatch(/^(br|gzip)$/);
    expect(all.every((t) => t.status !== 404), all.filter((t) => t.status === 404).map((t) => t.url).join(' ')).toBe(true);
    console.log(`first overview on the wire: ${total} bytes (${(total / 1024).toFixed(1)} KB) in ${all.length} responses; ${all.map((t) => `${new URL(t.url).pathname} ${t.bytes}`).join(', ')}`);
    expect(total).toBeGreaterThan(10 * 1024); // the page did load its scripts
    expect(total).toBeLessThanOrEqual(FIRST_SCREEN_WIRE_BUDGET);

    // The city's box shows the ranking below it, with progress and data coverage apart, and never "no score".
    const scoreBox = await page.locator('#h-score + *').innerText();
    expect(scoreBox).not.toMatch(/Chưa có điểm/);
    const rank = await page.locator('.rank-row').first().innerText();
    expect(rank).toMatch(/Tiến độ: \d+%/);
    expect(rank).toMatch(/Độ bao phủ dữ liệu: \d+%/);
    expect(rank).toMatch(/\d+\/\d+ tiêu chí có dữ liệu/);
    // The cards are the framework's pillars (or the one "not under a pillar"), never appendix headings or indicator names.
    const cards = await page.locator('.pillar h3 a').allInnerTexts();
    expect(cards.length).toBeGreaterThan(1);
    for (const name of cards) expect(pillarNames.has(name) || name === 'Chưa xếp vào trụ cột', name).toBe(true);
    expect(consoleErrors.filter((e) => /404|Failed to load/.test(e))).toEqual([]);
    // The home page as the server sends it, before any script runs, already shows the status figures
    // the overview answers (drawn by the server), with that answer beside them for the scripts; it is
    // the person's own page, kept by nobody else. A visitor gets the plain page.
    const home = await context.request.get(`${server.url}/`);
    expect(home.headers()['cache-control']).toBe('private, no-cache');
    const html = await home.text();
    const overview = (await (await context.request.get(`${server.url}/api/v1/overview?unit=HN`)).json()) as { targets: { counts: Record<string, number> } };
    const drawn = [...html.matchAll(/<li class="count count-(\w+)">.*?<span class="count-value"[^>]*>([^<]+)<\/span>/g)].map((m) => [m[1], Number(m[2]!.replace(/\D/g, ''))]);
    expect(Object.fromEntries(drawn)).toEqual(overview.targets.counts);
    expect(html).toContain('<script type="application/json" id="first-screen">');
    expect(html).toContain('Lãnh đạo thử'); // the signed-in person, drawn in the top bar
    const visitor = await browser.newContext();
    const plain = await (await visitor.request.get(`${server.url}/`)).text();
    expect(plain).toContain('<div id="root"></div>');
    expect(plain).not.toContain('first-screen');
    await visitor.close();
    await screenshot(page, 'overview-first-screen');
    await page.close();
  }, 300_000);

  it('opens the list behind a status tile, a pillar card and an alert count, with the same numbers', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const tile = page.locator('.status-counts .count-at_risk a');
    await tile.waitFor({ timeout: 120_000 });
    const atRisk = Number((await tile.locator('.count-value').innerText()).replace(/\D/g, ''));
    expect(atRisk).toBeGreaterThan(0);
    await tile.click();
    await expect.poll(() => page.url()).toContain('/overview/targets?unit=HN&status=at_risk');
    await page.locator('.target-list tbody tr').first().waitFor({ timeout: 120_000 });
    expect(await page.locator('.list-count').innerText()).toMatch(new RegExp(`trên ${atRisk.toLocaleString('vi-VN')}$`));
    const statuses = await page.locator('.target-list tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses.length).toBe(Math.min(atRisk, 50));
    expect(new Set(statuses)).toEqual(new Set(['at_risk']));
    // The rows name their units, not only codes.
    expect(await page.locator('.target-list tbody tr td:nth-child(3)').first().innerText()).toMatch(/Phường|Xã|Sở|Thành phố|Hà Nội|UBND/);
    // The whole filtered list is exported by the server: as many rows as the list counts.
    const href = await page.locator('a[href^="/api/v1/exports/targets.xlsx"]').getAttribute('href');
    const file = await context.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await file.body()) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(atRisk + 1);

    // A pillar card opens its pillar's targets; the count on the card is the length of the list.
    await page.goto(`${server.url}/`);
    const card = page.locator('.pillar').first();
    await card.waitFor({ timeout: 120_000 });
    const cardTotal = Number((await card.locator('h3 .muted').innerText()).replace(/\D/g, ''));
    const cardName = await card.locator('h3 a').innerText();
    await card.locator('h3 a').click();
    await expect.poll(() => page.url()).toContain('pillar=');
    await page.locator('.target-list tbody tr').first().waitFor({ timeout: 120_000 });
    expect(await page.locator('h1').innerText()).toContain(cardName);
    expect(await page.locator('.list-count').innerText()).toMatch(new RegExp(`trên ${cardTotal.toLocaleString('vi-VN')}$`));

    // An alert count opens the alerts, filtered to that severity.
    await page.goto(`${server.url}/`);
    const critical = page.locator('.alert-counts a.sev-label-critical');
    await critical.waitFor({ timeout: 120_000 });
    const criticalCount = Number((await critical.innerText()).replace(/\D/g, ''));
    expect(criticalCount).toBeGreaterThan(0);
    await critical.click();
    const chip = page.locator('#h-alert-groups ~ .chips button.sev-label-critical');
    await chip.waitFor({ timeout: 60_000 });
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    // The leader reads them grouped by indicator first (a goal set on every ward raises one alert per
    // ward): each group says how many alerts and units, and the groups add up to the count clicked.
    expect(await page.locator('#h-alert-groups ~ .chips button[aria-pressed="true"]', { hasText: 'Chỉ số' }).count()).toBe(1);
    const groups = page.locator('.alert-groups > li summary');
    await groups.first().waitFor({ timeout: 60_000 });
    const counted = (await groups.locator('.muted').allInnerTexts()).map((text) => Number(/^\(([\d.]+) cảnh báo/.exec(text)?.[1]?.replace(/\./g, '') ?? Number.NaN));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(criticalCount);
    expect(counted.length).toBeLessThan(criticalCount);
    // The leader has the city's daily digest sent to their own address from the same panel.
    const digest = page.locator('.digest-subscription');
    expect(await digest.innerText()).toContain('lanhdao.thu@hanoi.gov.vn');
    await digest.getByRole('button', { name: 'Đăng ký nhận' }).click();
    await expect.poll(() => digest.innerText()).toContain('Bạn đang nhận bản tóm tắt');
    const own = (await (await context.request.get(`${server.url}/api/v1/alerts/digest/subscription?unit=HN`)).json()) as { subscribed: boolean };
    expect(own.subscribed).toBe(true);
    await page.close();

    // Every open alert of the city, as the API groups it for the leader: tens of groups by indicator,
    // never hundreds, and none lost — the groups' totals are the number of alerts; by unit, the same
    // alerts make many more groups.
    const grouped = async (by: string) => (await (await context.request.get(`${server.url}/api/v1/alerts?unit=HN&open=true&groupBy=${by}&limit=1`)).json()) as { total: number; groups: { total: number; units: number }[] };
    const [byIndicator, byUnit] = [await grouped('indicator'), await grouped('unit')];
    expect(byIndicator.total).toBeGreaterThan(100);
    expect(byIndicator.groups.reduce((sum, g) => sum + g.total, 0)).toBe(byIndicator.total);
    expect(byIndicator.groups.length).toBeLessThanOrEqual(40);
    expect(byUnit.groups.length).toBeGreaterThan(byIndicator.groups.length);
    expect(Math.max(...byIndicator.groups.map((g) => g.units))).toBeGreaterThan(10);
  }, 300_000);

  it('fits a 375 px phone: the overview and the list behind a tile, without horizontal overflow', async () => {
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone });
    const res = await phone.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'lanh.dao.tq', password: PASSWORD } });
    expect(res.status()).toBe(200);
    const page = await phone.newPage();
    for (const [route, ready, name] of [['/', '.pillar', 'overview-phone'], ['/overview/targets?unit=HN&status=at_risk', '.target-list tbody tr', 'overview-targets']] as const) {
      await page.goto(`${server.url}${route}`);
      await page.locator(ready).first().waitFor({ timeout: 120_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), route).toBeLessThanOrEqual(0);
      await screenshot(page, name);
    }
    await phone.close();
  }, 300_000);
});
