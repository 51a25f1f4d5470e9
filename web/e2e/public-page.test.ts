import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '../src/app/format.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { seedPublicFixture, type PublicFixture } from '../../src/testing/public-fixtures.ts';

describe('public page without signing in', () => {
  let server: TestServer;
  let browser: Browser;
  let fixture: PublicFixture;
  beforeAll(async () => {
    // The demo plan published, one target measured monthly, one target and one task classified.
    server = await startTestServer(async (ctx) => {
      fixture = await seedPublicFixture(ctx);
    });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the plan\'s targets with their evaluated status, and downloads the server\'s open-data CSV', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/public`);
    const measuredRow = page.locator('.data-table tbody tr', { hasText: fixture.evaluated.code }).first();
    await measuredRow.waitFor({ timeout: 60_000 });
    expect(await page.locator('h1').innerText()).toBe('Công khai tiến độ kế hoạch');
    expect(await context.cookies()).toEqual([]);
    // The measured target carries an evaluated status badge (its series falls behind the path to its goal).
    const badge = measuredRow.locator('.badge');
    expect(['Đúng tiến độ', 'Nguy cơ']).toContain(await badge.innerText());
    expect(await page.locator('.pillars .pillar').count()).toBeGreaterThan(1);
    expect(await page.locator('.pillars').innerText()).not.toMatch(/phụ lục/i);

    const link = page.getByRole('link', { name: 'CSV', exact: true });
    expect(await link.getAttribute('href')).toBe(`/api/v1/public/plans/${fixture.planId}/open-data.csv`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('dữ-liệu-mở-12-KH-UBND-v1.csv');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('Mã chỉ tiêu');
    expect(csv).toContain(fixture.evaluated.code);
    expect(csv).not.toContain(fixture.classifiedTarget.code);
    for (const format of ['JSON', 'XLSX']) {
      expect(await page.getByRole('link', { name: format, exact: true }).getAttribute('href')).toMatch(new RegExp(`/open-data\\.${format.toLowerCase()}$`));
    }
    await screenshot(page, 'public');
    await context.close();
  });

  it('does not show a classified target or task', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(`${server.url}/public`);
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(fixture.classifiedTarget.text.length).toBeGreaterThan(5);
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(fixture.classifiedTarget.text.slice(0, 40));
    expect(text).not.toContain(fixture.classifiedTask.title.slice(0, 40));
    expect(text).toContain(fixture.evaluated.code);
    await page.close();
  });

  it('searches without diacritics, fits 375 px, and the anonymous overview points here', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await page.goto(`${server.url}/public`);
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'public');
    // Typed without diacritics, a phrase of the measured target still finds it.
    const words = foldForSearch(fixture.evaluated.text).split(/\s+/).slice(0, 6).join(' ');
    await page.getByRole('searchbox').first().fill(words);
    await page.waitForFunction(() => document.querySelectorAll('.data-table')[0]?.querySelectorAll('tbody tr').length === 1);
    expect(await page.locator('.data-table').first().locator('tbody tr').innerText()).toContain(fixture.evaluated.code);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Xem trang công khai' }).waitFor();
    expect(await page.locator('.status-counts').count()).toBe(0);
    await screenshot(page, 'overview-anonymous');
    await page.close();
  });

  it('leads anyone from the public page to the problems that invite solutions', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(`${server.url}/public`);
    await page.getByRole('link', { name: /mời giải pháp/ }).click();
    await page.waitForURL(`${server.url}/public/problems`);
    await expect.poll(() => page.locator('main h1').innerText(), { timeout: 30_000 }).toBe('Bài toán mời giải pháp');
    await page.close();
  });
});
