import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByCode, listObligations } from '../../src/repositories/reporting.repository.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { seedPath } from '../../src/testing/seeds.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectNoHorizontalOverflow, OFFICE, PEOPLE, seedWardWithPlan, signedIn } from './workspace-seed.ts';

const seed = seedPath('004');
if (!seed) console.warn('access-denied: seeds absent (/work/shared/seeds/004…), the access test is skipped');

const FORBIDDEN = 'Bạn không có quyền truy cập dữ liệu này (không có quyền với đơn vị được yêu cầu).';

describe.skipIf(!seed)('a reporter of another ward cannot open or submit Vĩnh Tuy’s report', () => {
  let server: TestServer;
  let browser: Browser;
  let obligationId = 0;

  beforeAll(async () => {
    server = await startTestServer((ctx) => seedWardWithPlan(ctx, seed as string).then(() => undefined));
    const office = await findUnitByCode(server.ctx.db, OFFICE);
    const [obligation] = await listObligations(server.ctx.db, { unitId: office?.id ?? -1, cycle: 'monthly' });
    obligationId = obligation?.id ?? 0;
    expect(obligationId).toBeGreaterThan(0);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const answerTo = (page: Page, pattern: RegExp): Promise<Response> => page.waitForResponse((r) => pattern.test(r.url()));

  it('refuses the other ward’s obligations list: API 403, "không có quyền" on screen', async () => {
    for (const viewport of [VIEWPORTS.desktop, VIEWPORTS.phone]) {
      const { context, page } = await signedIn(browser, server.url, PEOPLE.outsider, viewport);
      const answer = answerTo(page, /\/api\/v1\/reporting\/obligations\?unit=HN_P_VINH_TUY_VHXH/);
      await page.goto(`${server.url}/workspace?unit=${OFFICE}`);
      expect((await answer).status()).toBe(403);
      await expect.poll(() => page.getByRole('alert').first().innerText()).toBe(FORBIDDEN);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, 'access-denied');
      await context.close();
    }
  });

  it('refuses opening the other ward’s report by its obligation', async () => {
    const { context, page } = await signedIn(browser, server.url, PEOPLE.outsider);
    const answer = answerTo(page, new RegExp(`/api/v1/reporting/obligations/${obligationId}/submissions/`));
    await page.goto(`${server.url}/workspace?obligation=${obligationId}`);
    expect((await answer).status()).toBe(403);
    await expect.poll(() => page.getByRole('alert').first().innerText()).toBe(FORBIDDEN);
    expect(await page.locator('#report-head').count()).toBe(0);
    await context.close();
  });

  it('refuses submitting it through the API with the outsider’s own session', async () => {
    // The specialist of Vĩnh Tuy opens the report, so that there is a submission to attack.
    const owner = await signedIn(browser, server.url, PEOPLE.specialist);
    await owner.page.goto(`${server.url}/workspace?obligation=${obligationId}`);
    await owner.page.locator('#report-head').waitFor();
    const submissionId = await owner.page.evaluate(async (id) => {
      const period = `${new Date().getFullYear()}-${String(new Date().getMonth() + 1).padStart(2, '0')}`;
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1/reporting/obligations/${id}/submissions/${period}`, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
      return ((await res.json()) as { id: number }).id;
    }, obligationId);
    await owner.context.close();

    const { context, page } = await signedIn(browser, server.url, PEOPLE.outsider);
    const statuses = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const headers = { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
      const read = await fetch(`/api/v1/reporting/submissions/${id}`);
      const edit = await fetch(`/api/v1/reporting/submissions/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ difficulties: 'x' }) });
      const submit = await fetch(`/api/v1/reporting/submissions/${id}/submit`, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
      return [read.status, edit.status, submit.status];
    }, submissionId);
    expect(statuses).toEqual([403, 403, 403]);
    await context.close();
  });

  it('shows a ward specialist “no administration right” on /admin, without panels or the admin link', async () => {
    for (const viewport of [VIEWPORTS.desktop, VIEWPORTS.phone]) {
      const { context, page } = await signedIn(browser, server.url, PEOPLE.specialist, viewport);
      const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/me');
      await page.goto(`${server.url}/admin`);
      expect(((await (await me).json()) as { rights: string[] }).rights).toEqual(['read', 'write']);
      await expect.poll(() => page.getByRole('alert').first().innerText(), { timeout: 20_000 }).toContain('Bạn không có quyền quản trị');
      expect(await page.locator('.ws-tabs').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Nhập kế hoạch' }).count()).toBe(0);
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Quản trị' }).count()).toBe(0);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, 'admin-denied');
      await context.close();
    }
    // The server refuses administration writes whatever the screen shows.
    const { context, page } = await signedIn(browser, server.url, PEOPLE.specialist);
    const status = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/tokens', {
        method: 'POST',
        headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'thu', unit: 'HN_P_VINH_TUY_VHXH', role: 'reporter' }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    await context.close();
  });

  it('shows an administrator the admin link and the scoring frameworks with their criteria', async () => {
    for (const viewport of [VIEWPORTS.desktop, VIEWPORTS.phone]) {
      const { context, page } = await signedIn(browser, server.url, PEOPLE.admin, viewport);
      await page.goto(`${server.url}/`);
      await page.getByRole('link', { name: 'Quản trị' }).first().click();
      await page.waitForURL((url) => url.pathname === '/admin');
      await page.getByRole('button', { name: 'Bộ tiêu chí chấm điểm' }).click();
      const list = page.getByRole('table', { name: 'Bộ tiêu chí chấm điểm' });
      await expect.poll(() => list.innerText(), { timeout: 20_000 }).toContain('HN-DTI');
      expect(await list.innerText()).toContain('Nhận thức số');
      const criteria = page.getByRole('table', { name: 'Tiêu chí của bộ HN-DTI' });
      await expect.poll(() => criteria.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(5);
      expect(await criteria.innerText()).toContain('Thẩm định');
      expect(await criteria.innerText()).toContain('DTI_TIN_BAI_CDS');
      expect(await page.getByRole('alert').count()).toBe(0);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, 'admin-frameworks');
      await context.close();
    }
  });
});
