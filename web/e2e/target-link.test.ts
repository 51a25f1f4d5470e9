import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { createIndicator, createObservation } from '../../src/testing/factories.ts';
import { seedPath } from '../../src/testing/seeds.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { createToken } from '../../src/use-cases/tokens/create-token.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';
import { expectNoHorizontalOverflow, PASSWORD, PEOPLE, seedWardWithPlan, WARD } from './workspace-seed.ts';

const seed = seedPath('004');
if (!seed) console.warn('target-link: seeds absent (/work/shared/seeds/004…), the link-from-the-target-page test is skipped');

const INDICATOR = 'TY_LE_THU_TUC_MOT_CUA_SO';
const INDICATOR_NAME = 'Tỷ lệ thủ tục xử lý qua một cửa số';
/** A second indicator, for re-linking a measured target. */
const OTHER = 'TY_LE_HO_SO_TRUC_TUYEN_TOAN_TRINH';
const OTHER_NAME = 'Tỷ lệ hồ sơ trực tuyến toàn trình';
/** The ward's own administrator: unit_admin of the plan's owner, whom the API lets link its targets. */
const WARD_ADMIN = { username: 'vinhtuy.quantri', displayName: 'Đỗ Minh Châu', unit: WARD, role: 'unit_admin' };

const require = createRequire(import.meta.url);
/** axe-core from node_modules, injected into the page (as every-page.test.ts does). */
const AXE_PATH = require.resolve('axe-core');

interface AxeViolation { id: string; impact: string | null; help: string }
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help}`);
}

interface Candidate { id: number; code: string; text: string; unitId: number }

async function signedIn(browser: Browser, url: string, username: string, lang: 'vi' | 'en', viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<{ context: BrowserContext; page: Page }> {
  // CSP bypassed only so the test can inject axe-core; the pages' own CSP is tested in leader-screens.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  await context.addInitScript((l) => localStorage.setItem('theodoi.lang', l), lang);
  const res = await context.request.post(`${url}/api/v1/auth/login`, { data: { username, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage() };
}

describe.skipIf(!seed)('the ward administrator links a published target to an indicator from the target page', () => {
  let server: TestServer;
  let browser: Browser;
  let planId: number;
  let candidates: Candidate[];

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      planId = await seedWardWithPlan(ctx, seed as string);
      await createUser(ctx, 'test:seed', { ...WARD_ADMIN, password: PASSWORD });
      const indicator = await createIndicator(ctx.db, { code: INDICATOR, name: INDICATOR_NAME, measure: '%' });
      const other = await createIndicator(ctx.db, { code: OTHER, name: OTHER_NAME, measure: '%' });
      // Published targets no indicator measures, with a percentage goal "≥ x" (x < 100) still ahead: a
      // steady 100 % in the last three months is above such a goal and cannot slip below it, so once linked each must read "met".
      const today = ctx.now().toISOString().slice(0, 10);
      const rows = await ctx.db.selectFrom('targets as t').innerJoin('plan_versions as v', 'v.id', 't.plan_version_id')
        .select(['t.id', 't.code', 't.text', 't.scope_unit_id', 't.scope_kind', 't.value', 't.due_on'])
        .where('v.plan_id', '=', planId).where('t.indicator_id', 'is', null).where('t.op', '=', '>=').where('t.measure', '=', '%')
        .where('t.classified', '=', false).orderBy('t.id').execute();
      const ward = await ctx.db.selectFrom('units').select('id').where('code', '=', WARD).executeTakeFirstOrThrow();
      candidates = rows
        .filter((r) => r.value !== null && Number(r.value) < 100 && r.due_on !== null && r.due_on > today && r.scope_unit_id === ward.id && !r.scope_kind?.startsWith('set:'))
        .map((r) => ({ id: r.id, code: r.code, text: r.text, unitId: ward.id }));
      const now = ctx.now();
      for (let back = 1; back <= 3; back++) {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
        const period = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
        await createObservation(ctx.db, { indicatorId: indicator.id, unitId: ward.id, period, value: 100 });
        // Far below any "≥ x %" goal and not rising: once re-linked to it, the target cannot read "met".
        await createObservation(ctx.db, { indicatorId: other.id, unitId: ward.id, period, value: 5 });
      }
    });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('in Vietnamese: searches without diacritics, links, and the target leaves "Chưa gắn chỉ số" for its evaluation; audited', async () => {
    expect(candidates.length, 'the ward plan has a percentage target of the ward still ahead').toBeGreaterThanOrEqual(3);
    const target = candidates[0] as Candidate;
    const { context, page } = await signedIn(browser, server.url, WARD_ADMIN.username, 'vi');
    await page.goto(`${server.url}/targets/${encodeURIComponent(target.code)}`);
    const badge = page.locator('.facts .badge');
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Chưa gắn chỉ số');
    const panel = page.locator('section[aria-labelledby="h-link"]');
    expect(await panel.getByRole('heading').innerText()).toBe('Gắn chỉ số');
    await panel.getByLabel('Tìm chỉ số theo tên hoặc mã').fill('thu tuc xu ly qua mot cua');
    const picker = panel.getByRole('combobox', { name: 'Chọn chỉ số' });
    await expect.poll(() => picker.innerText(), { timeout: 10_000 }).toContain(INDICATOR_NAME);
    await picker.selectOption(INDICATOR);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'target-link-picker');
    await panel.getByRole('button', { name: 'Gắn chỉ số' }).click();
    await expect.poll(() => panel.getByRole('status').innerText(), { timeout: 20_000 }).toBe(`Đã gắn chỉ tiêu với chỉ số: ${INDICATOR_NAME}`);
    // Evaluated now: 100 % against "≥ x %" (x < 100) with a flat series is met ahead of its due date.
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Đạt');
    expect(await page.locator('#h-chart').count()).toBe(1);
    expect(await page.getByText('Chỉ tiêu chưa gắn chỉ số đo nên chưa có biểu đồ số liệu').count()).toBe(0);
    expect(await panel.getByRole('combobox').count()).toBe(0); // linked: the picker is gone (until "Đổi chỉ số")
    expect(await panel.innerText()).not.toContain('chưa có chỉ số đo'); // nor the hint that says it has none
    await screenshot(page, 'target-link-linked');

    const stored = await server.ctx.db.selectFrom('targets as t').innerJoin('indicators as i', 'i.id', 't.indicator_id').select('i.code').where('t.id', '=', target.id).executeTakeFirst();
    expect(stored?.code).toBe(INDICATOR);
    const audit = await server.ctx.db.selectFrom('audit_log').select(['actor', 'action']).where('entity', '=', 'target').where('entity_id', '=', String(target.id)).execute();
    // People are recorded by id (docs/security.md, "How actors are recorded and named").
    const admin = await server.ctx.db.selectFrom('users').select('id').where('username', '=', WARD_ADMIN.username).executeTakeFirstOrThrow();
    expect(audit).toEqual([{ actor: `user:${admin.id}`, action: 'link' }]);
    await context.close();
  });

  it('in English on a phone: the same action, labelled in English, fits 375 px', async () => {
    const target = candidates[1] as Candidate;
    const { context, page } = await signedIn(browser, server.url, WARD_ADMIN.username, 'en', VIEWPORTS.phone);
    await page.goto(`${server.url}/targets/${encodeURIComponent(target.code)}`);
    const badge = page.locator('.facts .badge');
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Not linked');
    const panel = page.locator('section[aria-labelledby="h-link"]');
    expect(await panel.getByRole('heading').innerText()).toBe('Link indicator');
    await panel.getByLabel('Search indicators by name or code').fill('Mot Cua');
    await expectNoHorizontalOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole('combobox', { name: 'Choose an indicator' }).selectOption(INDICATOR);
    await panel.getByRole('button', { name: 'Link indicator' }).click();
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Met');
    expect(await panel.getByRole('status').innerText()).toBe(`Target linked to indicator: ${INDICATOR_NAME}`);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'target-link-linked-en');
    await context.close();
  });

  it('re-links a measured target to another indicator only after a confirmation naming both; audited as a relink', async () => {
    const target = candidates[0] as Candidate; // linked to INDICATOR by the first test
    const { context, page } = await signedIn(browser, server.url, WARD_ADMIN.username, 'vi');
    await page.goto(`${server.url}/targets/${encodeURIComponent(target.code)}`);
    const badge = page.locator('.facts .badge');
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Đạt');
    const panel = page.locator('section[aria-labelledby="h-link"]');
    await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toContain(`Chỉ tiêu đang được đo bằng chỉ số: ${INDICATOR_NAME}`);
    await panel.getByRole('button', { name: 'Đổi chỉ số' }).click();
    await panel.getByLabel('Tìm chỉ số theo tên hoặc mã').fill('ho so truc tuyen');
    const picker = panel.getByRole('combobox', { name: 'Chọn chỉ số' });
    await expect.poll(() => picker.innerText(), { timeout: 10_000 }).toContain(OTHER_NAME);
    await picker.selectOption(OTHER);
    await panel.getByRole('button', { name: 'Gắn chỉ số' }).click();
    // Nothing changes before the confirmation, which names the old and the new indicator.
    const confirm = panel.getByRole('group');
    expect(await confirm.innerText()).toContain(`từ “${INDICATOR_NAME}” sang “${OTHER_NAME}”`);
    const linkedTo = async () => (await server.ctx.db.selectFrom('targets as t').innerJoin('indicators as i', 'i.id', 't.indicator_id').select('i.code').where('t.id', '=', target.id).executeTakeFirst())?.code;
    expect(await linkedTo()).toBe(INDICATOR);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'target-relink-confirm');
    // Cancelling keeps the link; confirming changes it.
    await confirm.getByRole('button', { name: 'Huỷ' }).click();
    expect(await linkedTo()).toBe(INDICATOR);
    await panel.getByRole('button', { name: 'Đổi chỉ số' }).click();
    await panel.getByLabel('Tìm chỉ số theo tên hoặc mã').fill('ho so truc tuyen');
    await expect.poll(() => picker.innerText(), { timeout: 10_000 }).toContain(OTHER_NAME);
    await picker.selectOption(OTHER);
    await panel.getByRole('button', { name: 'Gắn chỉ số' }).click();
    await panel.getByRole('button', { name: 'Xác nhận đổi' }).click();
    await expect.poll(() => panel.getByRole('status').innerText(), { timeout: 20_000 }).toBe(`Đã gắn chỉ tiêu với chỉ số: ${OTHER_NAME}`);
    expect(await linkedTo()).toBe(OTHER);
    // Re-evaluated on the new series: 5 % is far from the goal.
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).not.toBe('Đạt');
    const admin = await server.ctx.db.selectFrom('users').select('id').where('username', '=', WARD_ADMIN.username).executeTakeFirstOrThrow();
    const audit = await server.ctx.db.selectFrom('audit_log').select(['actor', 'action']).where('entity', '=', 'target').where('entity_id', '=', String(target.id)).orderBy('id').execute();
    expect(audit).toEqual([{ actor: `user:${admin.id}`, action: 'link' }, { actor: `user:${admin.id}`, action: 'relink' }]);
    await screenshot(page, 'target-relinked');
    await context.close();
  });

  it('is not offered to the ward approver, and the API refuses the approver anyway', async () => {
    // A third target, still unlinked: what is hidden is the action, not a panel gone because the target is measured.
    const target = candidates[2] as Candidate;
    expect(target, 'a third percentage target of the ward').toBeDefined();
    const { context, page } = await signedIn(browser, server.url, PEOPLE.reviewer.username, 'vi');
    await page.goto(`${server.url}/targets/${encodeURIComponent(target.code)}`);
    await page.locator('.facts .badge').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.locator('section[aria-labelledby="h-link"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gắn chỉ số' }).count()).toBe(0);
    await context.close();
    const { token } = await createToken(server.ctx, 'test', { name: 'approver', unit: WARD, role: 'approver' });
    const res = await fetch(`${server.url}/api/v1/plans/${planId}/targets/${encodeURIComponent(target.code)}/link`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ indicator: INDICATOR }),
    });
    expect(res.status).toBe(403);
  });
});
