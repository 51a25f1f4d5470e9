import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';

describe('dashboard shell in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens in Vietnamese, switches to English, and keeps the choice', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('nav').innerText()).toContain('Tổng quan');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('nav').innerText()).toContain('Overview');
    await page.reload();
    await expect.poll(() => page.locator('nav').innerText()).toContain('Overview');
    await page.close();
  });

  it('serves deep links through the app and keeps API 404s as problem+json', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    const res = await page.goto(`${server.url}/some/deep/link`);
    expect(res?.headers()['content-type']).toContain('text/html');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Không tìm thấy trang');
    const api = await fetch(`${server.url}/api/v1/no-such-thing`);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    await page.close();
  });

  it('does not overflow horizontally at 375 px', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await page.goto(`${server.url}/`);
    await page.locator('nav').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'shell');
    await page.close();
  });

  it('is keyboard usable: the first Tab reaches the skip link', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(`${server.url}/`);
    await page.locator('nav').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua đến nội dung chính');
    await page.close();
  });
});
