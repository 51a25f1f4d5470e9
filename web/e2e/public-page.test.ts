import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { seedDemoPlan } from '../../src/use-cases/plans/seed-demo-plan.ts';
import { seedBuiltInRegistry } from '../../src/use-cases/units/seed-built-in-registry.ts';

describe('public page without signing in', () => {
  let server: TestServer;
  let browser: Browser;
  let classifiedText = '';
  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      await seedBuiltInRegistry(ctx);
      await seedDemoPlan(ctx);
      // No use case marks a plan item classified yet (it comes from the document's marking); the
      // fixture sets the flag on one published target so its absence can be checked.
      const one = await ctx.db.selectFrom('targets').select(['id', 'text']).where('plan_version_id', 'is not', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
      await ctx.db.updateTable('targets').set({ classified: true }).where('id', '=', one.id).execute();
      classifiedText = one.text ?? '';
    });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the published plan and its targets, with open-data downloads', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop, acceptDownloads: true });
    await page.goto(`${server.url}/public`);
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('h1').innerText()).toBe('Công khai tiến độ kế hoạch');
    expect(await page.locator('.data-table tbody tr').count()).toBeGreaterThan(1);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON' }).click()]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(page, 'public');
    await page.close();
  });

  // GET /api/v1/plans/:id leaves classified items out for readers without the right.
  it('does not show a classified target', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(`${server.url}/public`);
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(classifiedText.length).toBeGreaterThan(5);
    expect(await page.locator('main').innerText()).not.toContain(classifiedText.slice(0, 40));
    await page.close();
  });

  it('fits 375 px without horizontal overflow, and the anonymous overview points here', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await page.goto(`${server.url}/public`);
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'public');
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Xem trang công khai' }).waitFor();
    expect(await page.locator('.status-counts').count()).toBe(0);
    await screenshot(page, 'overview-anonymous');
    await page.close();
  });
});
