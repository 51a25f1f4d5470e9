import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/use-cases/demo/seed-demo-if-empty.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../src/domain/scoring/load-framework.ts';
import { launchBrowser, VIEWPORTS } from '../../src/testing/browser.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { refreshAlerts } from '../../src/use-cases/alerts/refresh-alerts.ts';
import { notifyAlerts } from '../../src/use-cases/notifications/notify-alerts.ts';
import { refreshScoreSnapshots } from '../../src/use-cases/scores/refresh-score-snapshots.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';
import { seriousViolations } from './axe-check.ts';

/**
 * Every page a leader, a ward's approver and an administrator can reach, in Vietnamese and in
 * English: no raw codes in
 * the visible text (codes belong in elements marked `data-detail`, or in a title on hover), no
 * serious or critical accessibility violation (axe-core), the page's language and title set, and
 * the story "which wards are furthest behind and why" on a laptop and a phone.
 */

const PASSWORD = 'mat-khau-kiem-thu-2026';
const LANGS = ['vi', 'en'] as const;
type Lang = (typeof LANGS)[number];

/** What a code looks like when it leaks onto a page: "HN_P_…", "DEMO_X.", "alert.kind", "user:name". */
const RAW_CODE = [/[A-Z_]{3,}\./, /HN_/, /alert\./, /user:/];

/** The administration screen's tabs (web/src/pages/workspace/AdminPage.tsx). */
const ADMIN_TABS = ['import', 'units', 'users', 'tokens', 'connectors', 'frameworks'] as const;

/** Each person's session, signed in once: the sign-in route allows ten attempts a minute per address. */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

async function signedIn(browser: Browser, url: string, username: string, lang: Lang, viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<BrowserContext> {
  // CSP bypassed only so the test can inject axe-core as a script; the pages' own CSP is tested in leader-screens.
  const context = await browser.newContext({ viewport, bypassCSP: true, storageState: sessions.get(username) });
  await context.addInitScript((l) => localStorage.setItem('theodoi.lang', l), lang);
  if (!sessions.has(username)) {
    const res = await context.request.post(`${url}/api/v1/auth/login`, { data: { username, password: PASSWORD } });
    expect(res.status()).toBe(200);
    sessions.set(username, await context.storageState());
  }
  return context;
}

/** Waits until the page has its heading and nothing on it is still loading; false when something never finishes. */
async function settled(page: Page): Promise<boolean> {
  try {
    await page.locator('main h1').first().waitFor({ timeout: 30_000 });
    // Twice: lazy panels (charts, breakdowns) start their own requests once the first data arrived.
    for (let i = 0; i < 2; i++) await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** The visible text of the page outside detail elements, one string per text node. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent) continue;
      if (parent.closest('[data-detail], script, style, noscript')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: false }) && !parent.closest('.visually-hidden')) continue;
      out.push(text);
    }
    return out;
  });
}

/**
 * Opens a route as a person clicking a link would: inside the running app (the router follows the
 * history), so the scripts and axe-core are loaded once per test, not once per page. Resolves once
 * React has drawn the new screen (two animation frames after the router heard of it).
 */
async function openInApp(page: Page, route: string): Promise<void> {
  await page.evaluate(async (to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, route);
}

describe('every page a leader, a ward approver or an administrator reaches, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let leaderPages: string[];
  let adminPages: string[];
  let wardPages: string[];
  const shots = mkdtempSync(path.join(tmpdir(), 'theodoi-behind-'));

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      await seedDemoIfEmpty(ctx);
      await refreshScoreSnapshots(ctx, frameworkFromFile(SHIPPED_FRAMEWORK_PATH), String(ctx.now().getUTCFullYear()));
      await refreshAlerts(ctx);
      // The wards' inboxes get their alerts, as the job runner sends them.
      await notifyAlerts(ctx);
      await createUser(ctx, 'test:e2e', { username: 'phe.duyet', displayName: 'Phê duyệt thử', unit: 'HN_P_VINH_TUY', role: 'approver', password: PASSWORD });
      await createUser(ctx, 'test:e2e', { username: 'lanh.dao', displayName: 'Lãnh đạo thử', unit: 'HN', role: 'viewer', password: PASSWORD });
      await createUser(ctx, 'test:e2e', { username: 'quan.tri', displayName: 'Quản trị thử', unit: 'HN', role: 'system_admin', password: PASSWORD });
    });
    browser = await launchBrowser();
    // The drill-down pages are those of the demo city: a city target split by ward, one of its
    // wards' targets, a published plan, the city and a ward.
    const context = await signedIn(browser, server.url, 'lanh.dao', 'vi');
    const evaluation = await (await context.request.get(`${server.url}/api/v1/evaluation?unit=HN`)).json() as { targets: { code: string; unit: string; scopeKind: string | null }[] };
    const city = evaluation.targets.find((t) => (t.scopeKind ?? '').startsWith('set:'))?.code;
    const member = evaluation.targets.find((t) => t.unit === 'HN_P_VINH_TUY')?.code;
    const plans = await (await context.request.get(`${server.url}/api/v1/plans`)).json() as { id: number; publishedVersionNo: number | null }[];
    const plan = plans.find((p) => p.publishedVersionNo !== null);
    await context.close();
    expect(city, 'a city target over every ward in the demo data').toBeDefined();
    expect(member, 'a target of Vĩnh Tuy ward in the demo data').toBeDefined();
    expect(plan, 'a published plan in the demo data').toBeDefined();
    leaderPages = ['/', '/plans', `/plans/${plan!.id}`, `/targets/${encodeURIComponent(city!)}`, `/targets/${encodeURIComponent(member!)}`, '/units', '/units/HN', '/units/HN_P_VINH_TUY', '/behind', '/ranking', '/tasks', '/public',
      // The lists behind the overview's tiles, "not linked" (with its hint) among them.
      '/overview/targets?unit=HN&status=unlinked', '/overview/targets?unit=HN&status=at_risk'];
    // Every administration tab, not only the first.
    adminPages = [...leaderPages, '/workspace', '/workspace/approvals', '/workspace/inbox', ...ADMIN_TABS.map((tab) => `/admin?tab=${tab}`)];
    // A ward's own screens, its inbox holding the alerts sent to it.
    wardPages = ['/workspace', '/workspace/approvals', '/workspace/inbox', '/', '/units/HN_P_VINH_TUY', `/targets/${encodeURIComponent(member!)}`, '/tasks'];
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [role, username] of [['leader', 'lanh.dao'], ['ward approver', 'phe.duyet'], ['administrator', 'quan.tri']] as const) {
    for (const lang of LANGS) {
      it(`${role}, ${lang}: names not codes, no serious accessibility violation, language and title set`, async () => {
        const context = await signedIn(browser, server.url, username, lang);
        const page = await context.newPage();
        const leaks: string[] = [];
        const violations: string[] = [];
        const stuck: string[] = [];
        const routes = role === 'leader' ? leaderPages : role === 'administrator' ? adminPages : wardPages;
        for (const [i, route] of routes.entries()) {
          if (i === 0) await page.goto(`${server.url}${route}`);
          else await openInApp(page, route);
          if (!(await settled(page))) stuck.push(route);
          // The ward's inbox is looked at with its alerts in it, not empty.
          if (role === 'ward approver' && route === '/workspace/inbox') await page.locator('.ws-items li').first().waitFor({ timeout: 30_000 });
          for (const text of await visibleTexts(page)) {
            if (RAW_CODE.some((re) => re.test(text))) leaks.push(`${route}: ${text.slice(0, 120)}`);
          }
          violations.push(...(await seriousViolations(page)).map((v) => `${route}: ${v}`));
          expect(await page.evaluate(() => document.documentElement.lang), route).toBe(lang);
          const heading = (await page.locator('main h1').first().innerText()).trim();
          expect(await page.title(), route).toBe(`${heading} — Theo Dõi`);
        }
        await context.close();
        expect({ stuck, leaks, violations }).toEqual({ stuck: [], leaks: [], violations: [] });
      });
    }
  }

  it('after moving to another page, focus is on its main heading; the focus ring contrasts with the page', async () => {
    const context = await signedIn(browser, server.url, 'lanh.dao', 'vi');
    const page = await context.newPage();
    await page.goto(`${server.url}/plans`);
    expect(await settled(page)).toBe(true);
    await page.locator('nav a[href="/behind"]').click();
    await page.locator('main h1', { hasText: 'Đơn vị chậm tiến độ' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.title()).toMatch(/^Đơn vị chậm tiến độ.* — Theo Dõi$/);
    // The ring's colour against the page background: WCAG's relative luminance, at least 3:1.
    await page.keyboard.press('Tab');
    const [ring, background] = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return [getComputedStyle(el).outlineColor, getComputedStyle(document.body).backgroundColor || 'rgb(255, 255, 255)'];
    });
    expect(contrast(ring, background === 'rgba(0, 0, 0, 0)' ? 'rgb(246, 247, 249)' : background)).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  for (const viewport of [VIEWPORTS.desktop, VIEWPORTS.phone]) {
    for (const lang of LANGS) {
      it(`story at ${viewport.width} px in ${lang}: which wards are furthest behind, and why`, async () => {
        const context = await signedIn(browser, server.url, 'lanh.dao', lang, viewport);
        const page = await context.newPage();
        // From the overview, as a leader starts the day.
        await page.goto(`${server.url}/`);
        await page.locator('main a[href="/behind"]').first().click();
        expect(await settled(page)).toBe(true);
        const first = page.locator('.behind-unit').first();
        await first.waitFor({ timeout: 60_000 });
        // The first ward named has targets missed or at risk, and says which (by name, with the gap and due date).
        expect(await first.locator('.badge-at_risk, .badge-missed').count()).toBeGreaterThan(0);
        const reason = first.locator('.behind-reasons li').first();
        expect(await reason.count()).toBe(1);
        const reasonText = await reason.innerText();
        expect(reasonText).toMatch(/\d{2}\/\d{2}\/\d{4}/);
        expect(reasonText).not.toMatch(/HN_|[A-Z_]{3,}\./);
        const wardName = await first.locator('h2 a').innerText();
        expect(wardName).toMatch(/Phường|Xã|Ward|Commune/i);
        // A ward without data is never ranked: it sits in its own group if there is one.
        const ranked = await page.locator('.behind-unit h2 a').allInnerTexts();
        const noData = await page.locator('.no-data-list a').allInnerTexts();
        expect(ranked.filter((n) => noData.includes(n))).toEqual([]);
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: path.join(shots, `behind-${lang}-${viewport.width}.png`), fullPage: false });
        await context.close();
      });
    }
  }

  it('says where the screenshots are', () => {
    console.log(`behind-view screenshots: ${shots}`);
    expect(shots).toContain('theodoi-behind-');
  });
});

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
