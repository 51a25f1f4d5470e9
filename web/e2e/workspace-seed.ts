import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppContext } from '../../src/app-context.ts';
import { VIEWPORTS } from '../../src/testing/browser.ts';
import { importPlan } from '../../src/use-cases/plans/import-plan.ts';
import { createObligationsFromPlan } from '../../src/use-cases/reporting/create-obligations-from-plan.ts';
import { seedBuiltInRegistry } from '../../src/use-cases/units/seed-built-in-registry.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';

/** One password for every seeded person: these are throw-away test databases. */
export const PASSWORD = 'mat-khau-thu-nghiem-2026';

export const WARD = 'HN_P_VINH_TUY';
export const OFFICE = 'HN_P_VINH_TUY_VHXH';
export const OTHER_WARD = 'HN_P_BA_DINH';

export interface Person { username: string; displayName: string; unit: string; role: string }

export const PEOPLE = {
  specialist: { username: 'vhxh.chuyenvien', displayName: 'Nguyễn Thị Lan', unit: OFFICE, role: 'reporter' },
  reviewer: { username: 'vinhtuy.pheduyet', displayName: 'Trần Văn Minh', unit: WARD, role: 'approver' },
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', unit: 'HN', role: 'system_admin' },
  outsider: { username: 'badinh.chuyenvien', displayName: 'Lê Thu Hà', unit: OTHER_WARD, role: 'reporter' },
} satisfies Record<string, Person>;

/**
 * The city as a ward would find it: the built-in registry, the ward's plan (seed 004) imported and
 * published, its monthly reporting obligations, and the people of the tests — all through the real
 * use cases. Returns the plan id.
 */
export async function seedWardWithPlan(ctx: AppContext, seedFile: string): Promise<number> {
  await seedBuiltInRegistry(ctx);
  const imported = await importPlan(ctx, { bytes: readFileSync(seedFile), fileName: 'ke-hoach-004.txt', publish: true, actor: 'test:seed' });
  if (imported.dryRun) throw new Error('unexpected dry run');
  await createObligationsFromPlan(ctx, { planId: imported.planId, actor: 'test:seed' });
  await seedPeople(ctx);
  return imported.planId;
}

export async function seedPeople(ctx: AppContext): Promise<void> {
  for (const p of Object.values(PEOPLE)) await createUser(ctx, 'test:seed', { ...p, password: PASSWORD });
}

/** A browser context per person, so that each keeps its own session cookie. */
export async function signedIn(browser: Browser, baseUrl: string, person: Person, viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(person.username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  return { context, page };
}

/** The page is no wider than the viewport (375 px phones included). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
