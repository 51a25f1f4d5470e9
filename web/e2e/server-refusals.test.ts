import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../../src/testing/browser.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { seedBuiltInRegistry } from '../../src/use-cases/units/seed-built-in-registry.ts';
import { MIN_PASSWORD_LENGTH } from '../../src/use-cases/users/hash-password.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';
import { PASSWORD, signedIn, type Person } from './workspace-seed.ts';

const ADMIN: Person = { username: 'quantri.thanhpho', displayName: 'Quản trị Thành phố', unit: 'HN', role: 'system_admin' };

/** Vietnamese letters that English never has: a refusal shown in English must carry none of them. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe('the server’s refusals in the language selected on the page (issue #12)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      await seedBuiltInRegistry(ctx);
      await createUser(ctx, 'test:seed', { ...ADMIN, password: PASSWORD });
    });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('words a refused user form in Vietnamese, again in English after switching, from the code the API sent', async () => {
    const { context, page } = await signedIn(browser, server.url, ADMIN);
    await page.goto(`${server.url}/admin?tab=users`);
    const form = page.locator('form');
    await form.getByLabel('Tên đăng nhập').waitFor({ timeout: 60_000 });
    // A username with spaces and diacritics, and a password too short: two wrong fields.
    await form.getByLabel('Tên đăng nhập').fill('Chuyên viên mới');
    await form.getByLabel('Họ tên').fill('Hoàng Thị Mai');
    await form.getByLabel('Mã đơn vị').fill('phuong vinh tuy');
    await form.getByRole('button', { name: /^Phường Vĩnh Tuy ·/ }).click();
    await form.getByLabel('Mật khẩu ban đầu').fill('ngan');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Tạo người dùng' }).click();
    const answer = await answered;
    expect(answer.status()).toBe(422);
    const body = (await answer.json()) as { code: string; errors: { field: string; code: string; params: Record<string, unknown> }[] };
    expect(body.code).toBe('user.cannot_create_user');
    expect(body.errors.map((e) => [e.field, e.code])).toEqual([['username', 'user.characters_of_z'], ['password', 'user.at_least_characters']]);

    const refusal = page.getByRole('alert');
    await expect.poll(() => refusal.innerText(), { timeout: 30_000 }).toContain('Không tạo được người dùng');
    const vi = await refusal.innerText();
    expect(vi).toContain(`Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`);
    expect(vi).toContain('Tên đăng nhập gồm 2–64 ký tự');
    expect(vi).not.toMatch(/ \/ |Cannot|characters/);
    await screenshot(page, 'refusal-vi');

    // Switching the page to English words the refusal already shown again, without asking the server.
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => refusal.innerText(), { timeout: 10_000 }).toContain('Cannot create user');
    const en = await refusal.innerText();
    expect(en).toContain(`at least ${MIN_PASSWORD_LENGTH} characters`);
    expect(en).toContain('2–64 characters of a-z');
    expect(en).not.toMatch(VIETNAMESE);
    expect(en).not.toMatch(/ \/ /);
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual([]);
    await screenshot(page, 'refusal-en');

    // Sent again in English, it is refused in English.
    await page.locator('form').getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => requests.filter((r) => r === 'POST /api/v1/users').length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => refusal.innerText(), { timeout: 10_000 }).toContain('Cannot create user');
    expect(await refusal.innerText()).not.toMatch(VIETNAMESE);

    // And back in Vietnamese.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => refusal.innerText(), { timeout: 10_000 }).toContain(`Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`);
    expect(await refusal.innerText()).not.toMatch(/ \/ |Cannot/);
    await context.close();
  });
});
