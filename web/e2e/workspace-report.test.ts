import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportContent } from '../../src/domain/reporting/report-content.ts';
import { findUnitByCode, listObligations, submissionsFor } from '../../src/repositories/reporting.repository.ts';
import { sendNotification } from '../../src/use-cases/notifications/send-notification.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../../src/testing/browser.ts';
import { createUser } from '../../src/use-cases/users/create-user.ts';
import { seedPath } from '../../src/testing/seeds.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { expectNoHorizontalOverflow, OFFICE, PASSWORD, PEOPLE, seedWardWithPlan, signedIn, WARD } from './workspace-seed.ts';

const seed = seedPath('004');
if (!seed) console.warn('workspace-report: seeds absent (/work/shared/seeds/004…), the monthly-report test is skipped');

const DIFFICULTIES = 'Thiếu máy quét tại bộ phận một cửa (kiểm thử)';
const PROPOSALS = 'Đề nghị bổ sung 02 máy quét (kiểm thử)';
const COMMENT = 'Bổ sung minh chứng cho nhiệm vụ đầu tiên (kiểm thử)';
const EVIDENCE = 'https://vinhtuy.example/minh-chung/1';
const FIGURE_EVIDENCE = 'Biên bản khảo sát hộ gia đình tháng này (kiểm thử)';
/** The ward's leader, who reads the task board (a viewer over the ward). */
const LEADER = { username: 'vinhtuy.lanhdao', displayName: 'Đỗ Văn Hùng', unit: WARD, role: 'viewer' as const };
const NO_DATA_REASON = 'Chưa có số liệu thống kê của kỳ (kiểm thử)';

describe.skipIf(!seed)('a monthly report: the specialist submits, the reviewer returns and approves', () => {
  let server: TestServer;
  let browser: Browser;
  let specialist: Page;
  let reviewer: Page;
  let planId = 0;
  let submissionState: () => Promise<{ state: string; content: ReportContent } | null>;

  beforeAll(async () => {
    server = await startTestServer((ctx) => seedWardWithPlan(ctx, seed as string).then((id) => { planId = id; }));
    browser = await launchBrowser();
    submissionState = async () => {
      const office = await findUnitByCode(server.ctx.db, OFFICE);
      const [obligation] = await listObligations(server.ctx.db, { unitId: office?.id ?? -1, cycle: 'monthly' });
      const all = await submissionsFor(server.ctx.db, obligation ? [obligation.id] : [], [currentMonth()]);
      const s = [...all.values()][0];
      return s ? { state: s.state, content: s.content as ReportContent } : null;
    };
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs the specialist in, with a Vietnamese error first, and comes back to the workspace', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    specialist = await context.newPage();
    await specialist.goto(`${server.url}/workspace`);
    await specialist.waitForURL(/\/login\?next=%2Fworkspace/);
    await specialist.getByLabel('Tên đăng nhập').fill(PEOPLE.specialist.username);
    await specialist.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
    await specialist.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => specialist.getByRole('alert').innerText()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    await screenshot(specialist, 'login');
    await specialist.getByLabel('Mật khẩu').fill(PASSWORD);
    await specialist.getByRole('button', { name: 'Đăng nhập' }).click();
    await specialist.waitForURL((url) => url.pathname === '/workspace');
    await expect.poll(() => specialist.locator('#report-head').innerText(), { timeout: 20_000 }).toContain('Phòng Văn hóa - Xã hội');
  });

  it("keeps what a colleague saved: an older copy in a second tab is refused whole, then loads the latest", async () => {
    const first = specialist;
    const second = await first.context().newPage();
    await second.goto(`${server.url}/workspace`);
    await expect.poll(() => second.locator('#report-head').innerText(), { timeout: 20_000 }).toContain('Phòng Văn hóa - Xã hội');
    const FIRST_LINE = 'Dòng của tab thứ nhất (kiểm thử)';
    const SECOND_LINE = 'Dòng của tab thứ hai (kiểm thử)';
    await first.getByLabel('Khó khăn, vướng mắc').fill(FIRST_LINE);
    await first.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect.poll(() => first.getByRole('status').innerText()).toBe('Đã lưu.');
    // The second tab still shows the report as it was: its save would empty the first tab's line.
    await second.getByLabel('Kiến nghị, đề xuất').fill(SECOND_LINE);
    await second.getByRole('button', { name: 'Lưu nháp' }).click();
    const conflict = second.getByTestId('report-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('sau khi bạn mở');
    expect((await submissionState())?.content).toMatchObject({ difficulties: FIRST_LINE, proposals: '' });
    // Loaded again, it shows the first tab's line; written on top of it, both are kept.
    await conflict.getByRole('button', { name: /Tải bản mới nhất/ }).click();
    await expect.poll(() => second.getByLabel('Khó khăn, vướng mắc').inputValue()).toBe(FIRST_LINE);
    await second.getByLabel('Kiến nghị, đề xuất').fill(SECOND_LINE);
    await second.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect.poll(async () => (await submissionState())?.content.proposals).toBe(SECOND_LINE);
    expect((await submissionState())?.content.difficulties).toBe(FIRST_LINE);
    // Emptied again for what follows (this tab now holds the latest copy).
    await second.getByLabel('Khó khăn, vướng mắc').fill('');
    await second.getByLabel('Kiến nghị, đề xuất').fill('');
    await second.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect.poll(async () => (await submissionState())?.content.proposals).toBe('');
    await second.close();
    await first.reload();
    await expect.poll(() => first.locator('#report-head').innerText(), { timeout: 20_000 }).toContain('Phòng Văn hóa - Xã hội');
  });

  it('refuses the untouched report in one click, naming every target that has no figure', async () => {
    const page = specialist;
    expect(await page.locator('.ws-summary').innerText()).toContain('Dự thảo');
    const lines = (await submissionState())?.content.targets ?? [];
    // The ward's plan links no target to an indicator: every figure is the unit's to give.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((t) => t.indicator === null)).toBe(true);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const problems = page.getByTestId('submit-problems');
    await expect.poll(() => problems.innerText(), { timeout: 20_000 }).toContain('Báo cáo chưa gửi được');
    for (const line of lines.filter((t) => t.status !== 'qualitative')) {
      expect(await problems.innerText()).toContain(`Chỉ tiêu ${line.code}: cần số liệu, hoặc đánh dấu "Chưa có số liệu" kèm lý do`);
    }
    expect((await submissionState())?.state).toBe('draft');
  });

  it('takes a figure typed the Vietnamese way with its evidence, marks the others without data, and submits after confirming what is empty', async () => {
    const page = specialist;
    const lines = (await submissionState())?.content.targets.filter((t) => t.status !== 'qualitative') ?? [];
    const [first, ...others] = lines;
    const firstCard = page.getByTestId(`manual-${first?.code}`);
    await firstCard.getByLabel(/Số liệu tự khai/).fill('1.234,5');
    for (const line of others) {
      const card = page.getByTestId(`manual-${line.code}`);
      await card.getByLabel('Chưa có số liệu').check();
      await card.getByLabel('Lý do chưa có số liệu').fill(NO_DATA_REASON);
    }
    const targets = page.locator('.ws-items').first().locator('> li');
    await targets.first().getByLabel('Ghi chú').fill('Số liệu theo sổ theo dõi của phòng');
    const tasks = page.locator('.ws-items').nth(1).locator('> li');
    expect(await tasks.count()).toBeGreaterThan(0);
    await tasks.first().getByLabel('Tiến độ (%)').fill('100');
    // A typed figure without evidence is refused, naming its target.
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.getByTestId('submit-problems').innerText(), { timeout: 20_000 })
      .toContain(`Chỉ tiêu ${first?.code}: số liệu tự khai cần minh chứng (tệp, đường dẫn hoặc giải trình)`);
    await firstCard.getByLabel('Minh chứng (tệp, đường dẫn hoặc giải trình)').fill(FIGURE_EVIDENCE);
    // The figure comes back as it was typed.
    await expect.poll(() => firstCard.getByLabel(/Số liệu tự khai/).inputValue()).toBe('1.234,5');
    await page.getByLabel('Khó khăn, vướng mắc').fill(DIFFICULTIES);
    await page.getByLabel('Kiến nghị, đề xuất').fill(PROPOSALS);
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Đã lưu.');
    const saved = await submissionState();
    expect(saved?.state).toBe('draft');
    expect(saved?.content.difficulties).toBe(DIFFICULTIES);
    expect(saved?.content.targets.find((t) => t.code === first?.code)?.manual).toMatchObject({ value: 1234.5, evidence: FIGURE_EVIDENCE });
    expect(saved?.content.tasks[0]?.progress).toBe(100);
    await page.reload();
    await expect.poll(() => page.getByTestId(`manual-${first?.code}`).getByLabel(/Số liệu tự khai/).inputValue(), { timeout: 20_000 }).toBe('1.234,5');

    await screenshot(page, 'workspace-report');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    // What is empty is listed, and the report goes only once that is confirmed.
    const confirm = page.getByTestId('confirm-empty');
    await expect.poll(() => confirm.innerText(), { timeout: 20_000 }).toContain('Báo cáo còn để trống các phần sau');
    for (const line of others) expect(await confirm.innerText()).toContain(`Chỉ tiêu ${line.code}: để trống`);
    expect((await submissionState())?.state).toBe('draft');
    await screenshot(page, 'workspace-report-confirm-empty');
    await confirm.getByRole('button', { name: 'Xác nhận và gửi' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Đã gửi báo cáo.');
    expect(await page.locator('.ws-summary').innerText()).toContain('Đã gửi, chờ duyệt');
    expect((await submissionState())?.state).toBe('submitted');
    expect(await page.getByRole('button', { name: 'Gửi báo cáo' }).count()).toBe(0);
  });

  it('puts the report in the ward reviewer’s queue, which they return with a comment (a comment is required)', async () => {
    ({ page: reviewer } = await signedIn(browser, server.url, PEOPLE.reviewer));
    const queueAnswer = reviewer.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/reporting/queue');
    await reviewer.goto(`${server.url}/workspace/approvals`);
    expect((await queueAnswer).status()).toBe(200);
    const row = reviewer.getByRole('row', { name: /Phòng Văn hóa - Xã hội/ });
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain(periodLabel());
    expect(await row.innerText()).toContain(PEOPLE.specialist.displayName);
    expect(await row.innerText()).toContain('0 ngày');
    expect(await row.innerText()).toContain(today());
    await screenshot(reviewer, 'workspace-approvals');
    await reviewer.setViewportSize(VIEWPORTS.phone);
    await expectNoHorizontalOverflow(reviewer);
    await screenshot(reviewer, 'workspace-approvals');
    await reviewer.setViewportSize(VIEWPORTS.desktop);
    // Narrowing to the office keeps it; another period empties the queue.
    await reviewer.getByRole('combobox', { name: 'Đơn vị' }).selectOption(OFFICE);
    await expect.poll(() => reviewer.url()).toContain(`unit=${OFFICE}`);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await reviewer.goto(`${server.url}/workspace/approvals?period=2020-01`);
    await expect.poll(() => reviewer.getByRole('status').innerText(), { timeout: 20_000 }).toBe('Không có báo cáo nào chờ bạn phê duyệt.');
    await reviewer.goto(`${server.url}/workspace/approvals`);
    await row.getByRole('button', { name: /Xem/ }).click();
    const review = reviewer.locator('.ws-review');
    await expect.poll(() => review.innerText(), { timeout: 20_000 }).toContain(DIFFICULTIES);
    expect(await review.innerText()).toContain(PROPOSALS);
    await reviewer.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => review.getByRole('alert').innerText()).toBe('Nhập ý kiến khi trả lại báo cáo.');
    expect((await submissionState())?.state).toBe('submitted');
    await review.getByLabel('Ý kiến').fill(COMMENT);
    await reviewer.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => review.getByRole('status').innerText()).toBe('Đã trả lại báo cáo.');
    expect((await submissionState())?.state).toBe('returned');
    // A returned report is the unit's to fix: it leaves the queue.
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
    expect(await reviewer.getByText('Không có báo cáo nào chờ bạn phê duyệt.').count()).toBe(1);
  });

  it('shows the specialist the comment; the corrected report is resubmitted', async () => {
    const page = specialist;
    await page.reload();
    const comments = page.locator('.ws-comments');
    await expect.poll(() => comments.innerText(), { timeout: 20_000 }).toContain(COMMENT);
    expect(await page.locator('.ws-summary').innerText()).toContain('Bị trả lại');
    // What was written before the return is still there.
    expect(await page.getByLabel('Khó khăn, vướng mắc').inputValue()).toBe(DIFFICULTIES);
    const firstTask = page.locator('.ws-items').nth(1).locator('> li').first();
    await firstTask.getByLabel('Minh chứng', { exact: true }).fill(EVIDENCE);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByTestId('confirm-empty').getByRole('button', { name: 'Xác nhận và gửi' }).click({ timeout: 20_000 });
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Đã gửi báo cáo.');
    const resubmitted = await submissionState();
    expect(resubmitted?.state).toBe('submitted');
    expect(resubmitted?.content.tasks[0]?.evidence).toBe(EVIDENCE);
  });

  it('brings the resubmitted report back to the queue; once approved it leaves it and is read-only for the specialist', async () => {
    await reviewer.reload();
    const row = reviewer.getByRole('row', { name: /Phòng Văn hóa - Xã hội/ });
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain(periodLabel());
    await row.getByRole('button', { name: /Xem/ }).click();
    const review = reviewer.locator('.ws-review');
    await expect.poll(() => review.innerText(), { timeout: 20_000 }).toContain(EVIDENCE);
    await review.getByLabel('Ý kiến').fill('Đồng ý');
    await reviewer.getByRole('button', { name: 'Phê duyệt' }).click();
    await expect.poll(() => review.getByRole('status').innerText()).toBe('Đã phê duyệt báo cáo.');
    expect((await submissionState())?.state).toBe('approved');
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
    await screenshot(reviewer, 'workspace-review');

    // The leader's screens follow within seconds: the typed figure is the target's evaluated value,
    // flagged as self-reported, and the task reported done is done on the public page.
    const approved = await submissionState();
    const figureLine = approved?.content.targets.find((t) => t.manual);
    const taskLine = approved?.content.tasks[0];
    expect(figureLine?.manual?.observationId).toBeGreaterThan(0);
    // Read with the reviewer's own session, as the leader's screens read.
    const readAs = (path: string): Promise<unknown> => reviewer.evaluate(async (url) => (await fetch(url)).json() as Promise<unknown>, path);
    await expect.poll(async () => ((await readAs(`/api/v1/evaluation?target=${encodeURIComponent(figureLine?.code ?? '')}`)) as { targets: { current: number | null; indicator: string | null }[] }).targets[0], { timeout: 10_000 })
      .toMatchObject({ current: 1234.5, indicator: `TUKHAI.${figureLine?.code}` });
    expect(await readAs(`/api/v1/reporting/manual-figures?target=${encodeURIComponent(figureLine?.code ?? '')}`)).toMatchObject({
      manualOnly: true, approved: [{ value: 1234.5, label: 'số liệu tự khai', evidence: FIGURE_EVIDENCE }],
    });
    const publicPlan = async () => (await (await fetch(`${server.url}/api/v1/public/plans/${planId}`)).json()) as { targets: { code: string; current: number | null }[]; tasks: { code: string; status: string | null; progress: number | null; overdue: boolean }[] };
    await expect.poll(async () => (await publicPlan()).tasks.find((x) => x.code === taskLine?.code), { timeout: 10_000 }).toMatchObject({ status: 'done', progress: 100, overdue: false });
    await expect.poll(async () => (await publicPlan()).targets.find((x) => x.code === figureLine?.code)?.current, { timeout: 10_000 }).toBe(1234.5);

    // …and on the task board as the ward's leader sees it: done at 100%, not overdue.
    await createUser(server.ctx, 'test:e2e', { ...LEADER, password: PASSWORD });
    const { context: leaderContext, page: leader } = await signedIn(browser, server.url, LEADER);
    await leader.goto(`${server.url}/tasks`);
    await leader.getByRole('searchbox').first().fill(taskLine?.code ?? '');
    // The row whose code cell is exactly the task's ("1-NV1" is also part of "1-NV1-2").
    const taskRow = leader.getByRole('row').filter({ has: leader.getByRole('cell', { name: taskLine?.code ?? '', exact: true }) });
    await expect.poll(() => taskRow.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => taskRow.innerText(), { timeout: 20_000 }).toContain('Hoàn thành · 100%');
    expect(await taskRow.innerText()).not.toContain('Quá hạn');
    await screenshot(leader, 'tasks-after-approval');
    await leaderContext.close();

    await specialist.reload();
    await expect.poll(() => specialist.locator('.ws-summary').innerText(), { timeout: 20_000 }).toContain('Đã phê duyệt');
    expect(await specialist.getByText('Báo cáo đã gửi hoặc đã duyệt: không sửa được.').count()).toBe(1);
    expect(await specialist.getByLabel('Khó khăn, vướng mắc').isDisabled()).toBe(true);
    // The generated documents download with the specialist's session.
    for (const format of ['DOCX', 'XLSX']) {
      const href = await specialist.getByRole('link', { name: format }).getAttribute('href');
      const answer = await specialist.evaluate(async (url) => {
        const res = await fetch(url ?? '');
        return { status: res.status, size: (await res.arrayBuffer()).byteLength };
      }, href);
      expect(answer.status).toBe(200);
      expect(answer.size).toBeGreaterThan(1000);
    }
  });

  it('shows the unit its notifications and marks one read', async () => {
    const office = await findUnitByCode(server.ctx.db, OFFICE);
    await sendNotification(server.ctx.db, {
      unitId: office?.id ?? -1,
      event: 'report.reminder',
      title: 'Nhắc hạn báo cáo tháng (kiểm thử)',
      body: 'Báo cáo tháng cần gửi trước hạn (kiểm thử)',
      data: {},
      dedupeKey: 'e2e-inbox-1',
      emails: [],
      webhookUnitIds: [],
      at: new Date(),
    });
    await specialist.goto(`${server.url}/workspace/inbox`);
    const item = specialist.locator('.ws-items > li').filter({ hasText: 'Nhắc hạn báo cáo tháng (kiểm thử)' });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getAttribute('class')).toContain('ws-unread');
    await item.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await expect.poll(() => item.innerText()).toContain('Đã đọc');
    expect(await item.getAttribute('class')).toContain('ws-read');
  });

  it('fits a 375 px phone on the report, approvals and inbox screens', async () => {
    const loginPage = await browser.newPage({ viewport: VIEWPORTS.phone });
    await loginPage.goto(`${server.url}/login`);
    await loginPage.locator('h1').waitFor();
    await expectNoHorizontalOverflow(loginPage);
    await screenshot(loginPage, 'login');
    await loginPage.close();
    for (const [person, path, name] of [
      [PEOPLE.specialist, '/workspace', 'workspace-report'],
      [PEOPLE.specialist, '/workspace/inbox', 'workspace-inbox'],
      [PEOPLE.reviewer, `/workspace/approvals?unit=${WARD}`, 'workspace-approvals-empty'],
    ] as const) {
      const { context, page } = await signedIn(browser, server.url, person, VIEWPORTS.phone);
      await page.goto(`${server.url}${path}`);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoHorizontalOverflow(page);
      await screenshot(page, name);
      if (name === 'workspace-inbox') {
        await page.setViewportSize(VIEWPORTS.desktop);
        await screenshot(page, name);
      }
      await context.close();
    }
  });

  it('signs out and asks for a sign-in again', async () => {
    await specialist.getByRole('button', { name: 'Đăng xuất' }).click();
    await specialist.waitForURL((url) => url.pathname === '/login');
    await specialist.goto(`${server.url}/workspace/inbox`);
    await specialist.waitForURL(/\/login\?next=%2Fworkspace%2Finbox/);
  });
});

/** The official label of the current month, as the queue shows it: "Tháng 11/2026". */
function periodLabel(now = new Date()): string {
  return `Tháng ${now.getMonth() + 1}/${now.getFullYear()}`;
}

/** Today in Hà Nội, dd/mm/yyyy. */
function today(now = new Date()): string {
  const [y, m, d] = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
