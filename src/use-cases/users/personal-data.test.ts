import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../app-context.ts';
import { PERSONAL_PLACEHOLDER, withoutPersonalData } from '../../domain/audit/personal-data.ts';
import { buildServer } from '../../http/build-server.ts';
import { createUnit } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { logIn } from '../auth/log-in.ts';
import { createToken } from '../tokens/create-token.ts';
import { operatorAccess } from '../problems/problem-access.ts';
import { proposeProblem } from '../problems/propose-problem.ts';
import { createUser } from './create-user.ts';
import { erasedName, erasePersonalData } from './erase-personal-data.ts';
import { exportPersonalData } from './export-personal-data.ts';

const PASSWORD = 'mật khẩu đủ dài 2026';
const NAME = 'Nguyễn Thị Lan';
const EMAIL = 'lan.nguyen@vinhtuy.example';

describe('personal data in audit payloads', () => {
  it('replaces names, e-mails and phones at any depth, keeps everything else and null values', () => {
    expect(withoutPersonalData({ username: 'lan', displayName: NAME, email: null, nested: [{ phone: '0901', role: 'viewer' }] })).toEqual({
      username: 'lan', displayName: PERSONAL_PLACEHOLDER, email: null, nested: [{ phone: PERSONAL_PLACEHOLDER, role: 'viewer' }],
    });
  });
});

describe(`a person's data on ${testEngine}: kept out of the chain, exported, erased`, { timeout: 180_000 }, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    const ctx = contextFor(database);
    await createUnit(database.db, { code: 'VT', name: 'Phường Vĩnh Tuy', kind: 'commune' });
    const lan = await createUser(ctx, 'test', { username: 'lan', displayName: NAME, email: EMAIL, unit: 'VT', role: 'reporter', password: PASSWORD });
    await createToken(ctx, 'user:lan', { unit: 'VT', role: 'reporter', name: 'may-cua-lan', createdBy: lan.id });
    // Lan is also the contact of a ward proposal (e-mail typed in capitals) and of a solution proposal.
    const problem = await proposeProblem(ctx, operatorAccess('test'), {
      unit: 'VT', receivingUnit: 'VT', name: 'Đèn chiếu sáng ngõ hỏng kéo dài', fields: ['urban_management'], problem: 'Nhiều ngõ tối sau 22 giờ vì đèn hỏng chưa được thay.',
      currentHandling: 'Tổ dân phố báo miệng lên phường.', managementNeed: 'Biết đèn nào hỏng, từ khi nào.', pilotScope: 'Năm ngõ trong một quý.',
      contactName: NAME, contactPhone: '0904 555 666', contactEmail: EMAIL.toUpperCase(),
    });
    const { id: problemId } = await database.db.selectFrom('problems').select('id').where('code', '=', problem.code).executeTakeFirstOrThrow();
    await database.db.insertInto('problem_solutions').values({
      problem_id: problemId, organisation_name: 'Nhóm nghiên cứu thử nghiệm', organisation_type: 'institute', contact_name: NAME, contact_title: 'Nghiên cứu viên',
      contact_email: EMAIL, contact_phone: '0904 555 777', consent_purpose: 'liên hệ về đề xuất', consented_at: new Date('2026-05-01T00:00:00Z'),
      capability: 'Khảo sát hiện trường', approach: 'Đi ngõ và ghi nhận', kpi_commitment: 'Ghi đủ 100% đèn', time_commitment: '3 tháng',
    }).execute();
    return { database, ctx, lan, problemCode: problem.code };
  })();
  afterAll(async () => (await ready).database.close());
  const auditText = async () => JSON.stringify((await (await ready).database.db.selectFrom('audit_log').selectAll().execute()));

  it('refuses a username of digits alone, which would read as a user id in the records', async () => {
    const { ctx } = await ready;
    await expect(createUser(ctx, 'test', { username: '1024', displayName: 'Lê Văn Số', unit: 'VT', role: 'viewer' })).rejects.toMatchObject({ problems: [{ field: 'username' }] });
    await expect(createUser(ctx, 'test', { username: '1024.vt', displayName: 'Lê Văn Số', unit: 'VT', role: 'viewer' })).resolves.toMatchObject({ username: '1024.vt' });
  });

  it('never writes a name or an e-mail into the audit chain, only that they were set', async () => {
    const { database } = await ready;
    const text = await auditText();
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(EMAIL);
    const created = await database.db.selectFrom('audit_log').select('after').where('entity', '=', 'user').where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(created.after).toMatchObject({ username: 'lan', displayName: PERSONAL_PLACEHOLDER, email: PERSONAL_PLACEHOLDER });
  });

  it('exports everything held about the person, and records that it was exported (not what)', async () => {
    const { ctx, lan } = await ready;
    await logIn(ctx, 'lan', PASSWORD);
    const data = await exportPersonalData(ctx, 'user:admin', 'lan');
    expect(data.user).toMatchObject({ id: lan.id, username: 'lan', displayName: NAME, email: EMAIL, unitCode: 'VT', disabled: false });
    expect(data.footprint.tokens.map((t) => t.name)).toEqual(['may-cua-lan']);
    expect(data.footprint.sessions).toHaveLength(1);
    // Her sign-in is recorded under her id, the token she made before ids under her username: both are hers.
    expect(data.footprint.auditEntries.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'create']));
    const logins = await (await ready).database.db.selectFrom('audit_log').select('actor').where('action', '=', 'login').execute();
    expect(logins.map((r) => r.actor)).toEqual([`user:${lan.id}`]);
    // Contacts in problem (Mẫu 01) and solution (Mẫu 02) proposals, found by the e-mail whatever its case.
    expect(data.footprint.problemContacts).toEqual([{ problem: (await ready).problemCode, name: NAME, title: null, phone: '0904 555 666', email: EMAIL.toUpperCase() }]);
    expect(data.footprint.solutionContacts).toMatchObject([{ problem: (await ready).problemCode, organisation: 'Nhóm nghiên cứu thử nghiệm', name: NAME, phone: '0904 555 777', email: EMAIL, consentedAt: '2026-05-01T00:00:00.000Z' }]);
    const text = await auditText();
    expect(text).toContain('export_personal_data');
    expect(text).not.toContain(NAME);
  });

  it('erases the name, e-mail and password, disables the account, ends sessions and tokens; the chain still verifies', async () => {
    const { ctx, database, lan } = await ready;
    const first = await erasePersonalData(ctx, 'user:admin', 'lan');
    expect(first.changed).toBe(true);
    expect(first.user).toMatchObject({ displayName: erasedName(lan.id), email: null, disabled: true });
    expect(await logIn(ctx, 'lan', PASSWORD)).toBeNull();
    const tokens = await database.db.selectFrom('api_tokens').select('revoked_at').where('created_by', '=', lan.id).execute();
    expect(tokens.every((t) => t.revoked_at !== null)).toBe(true);
    expect(await database.db.selectFrom('sessions').select('user_id').where('user_id', '=', lan.id).execute()).toEqual([]);
    // Nowhere in the database: not the users table, not the chain.
    const users = JSON.stringify(await database.db.selectFrom('users').selectAll().execute());
    expect(users).not.toContain(NAME);
    expect(users).not.toContain(EMAIL);
    // Nor as the contact of the proposals, which themselves stay.
    const proposals = JSON.stringify([await database.db.selectFrom('problems').selectAll().execute(), await database.db.selectFrom('problem_solutions').selectAll().execute()]);
    for (const detail of [NAME, EMAIL, EMAIL.toUpperCase(), '0904 555 666', '0904 555 777']) expect(proposals).not.toContain(detail);
    expect(proposals).toContain('Đèn chiếu sáng ngõ hỏng kéo dài');
    expect(await auditText()).not.toContain(NAME);
    expect((await erasePersonalData(ctx, 'user:admin', 'lan')).changed).toBe(false);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});

describe(`personal data over HTTP on ${testEngine}`, { timeout: 180_000 }, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    const ctx = contextFor(database);
    const city = await createUnit(database.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    await createUnit(database.db, { code: 'VT', name: 'Phường Vĩnh Tuy', kind: 'commune', parentId: city.id });
    await createUnit(database.db, { code: 'HK', name: 'Phường Hoàn Kiếm', kind: 'commune', parentId: city.id });
    await createUser(ctx, 'test', { username: 'lan', displayName: NAME, email: EMAIL, unit: 'VT', role: 'reporter', password: PASSWORD });
    const app = await buildServer(ctx);
    const bearer = async (unit: string, role: string) => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role })).token}` });
    return { database, ctx, app, bearer };
  })();
  afterAll(async () => {
    const { app, database } = await ready;
    await app.close();
    await database.close();
  });

  it("lets the person and their unit's administrator export it; nobody else", async () => {
    const { app, bearer } = await ready;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lan', password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const asSelf = await app.inject({ method: 'GET', url: '/api/v1/users/lan/personal-data', headers: { cookie } });
    expect([asSelf.statusCode, asSelf.json<{ user?: { displayName: string } }>().user?.displayName]).toEqual([200, NAME]);
    const asAdmin = await app.inject({ method: 'GET', url: '/api/v1/users/lan/personal-data', headers: await bearer('VT', 'unit_admin') });
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json<{ footprint: { auditEntries: unknown[] } }>().footprint.auditEntries.length).toBeGreaterThan(0);
    for (const headers of [await bearer('HK', 'unit_admin'), await bearer('VT', 'viewer'), await bearer('VT', 'approver')]) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/users/lan/personal-data', headers });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(NAME);
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/users/lan/personal-data' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users/khong-co/personal-data', headers: await bearer('HN', 'system_admin') })).statusCode).toBe(404);
  });

  it('records who read the list of users, and erases only for an administrator of the unit', async () => {
    const { app, database, bearer } = await ready;
    const admin = await bearer('VT', 'unit_admin');
    const list = await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin });
    expect(list.statusCode).toBe(200);
    const reads = await database.db.selectFrom('audit_log').select(['actor', 'after']).where('action', '=', 'read_personal_data').execute();
    expect(reads.at(-1)).toMatchObject({ after: { users: 1 } });
    expect((await app.inject({ method: 'POST', url: '/api/v1/users/lan/erase', headers: await bearer('HK', 'unit_admin') })).statusCode).toBe(403);
    const erased = await app.inject({ method: 'POST', url: '/api/v1/users/lan/erase', headers: admin });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ changed: true, user: { email: null, disabled: true } });
    expect(JSON.stringify(await database.db.selectFrom('users').selectAll().execute())).not.toContain(NAME);
    expect(Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = 'erase_personal_data'`.execute(database.db)).rows[0]!.n)).toBe(1);
  });

  it('shows who acted by the name they have now: the person before erasure, "deleted user" after, the recorded id throughout', async () => {
    const { app, ctx, database, bearer } = await ready;
    const city = await bearer('HN', 'system_admin');
    const ha = await createUser(ctx, 'test', { username: 'vt.canbo2', displayName: 'Phạm Thu Hà', unit: 'VT', role: 'reporter', password: PASSWORD });
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'vt.canbo2', password: PASSWORD } });
    const entries = async (query: string, lang: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: { ...city, 'accept-language': lang } })).json<{ entries: { actor: string; actorName: string; action: string }[] }>().entries;
    // Asked for by id or by username, the same person's entries.
    const byId = await entries(`actor=user:${ha.id}`, 'vi');
    expect(byId.map((e) => [e.actor, e.actorName, e.action])).toEqual([[`user:${ha.id}`, 'Phạm Thu Hà', 'login']]);
    expect(await entries('actor=user:vt.canbo2', 'vi')).toEqual(byId);
    await app.inject({ method: 'POST', url: '/api/v1/users/vt.canbo2/erase', headers: city });
    expect((await entries(`actor=user:${ha.id}`, 'vi')).map((e) => [e.actor, e.actorName])).toEqual([[`user:${ha.id}`, 'Người dùng đã xóa']]);
    expect((await entries(`actor=user:${ha.id}`, 'en')).map((e) => [e.actor, e.actorName])).toEqual([[`user:${ha.id}`, 'Deleted user']]);
    // Machines keep their own names.
    const erase = (await entries('entity=user', 'vi')).find((e) => e.action === 'erase_personal_data');
    expect(erase?.actorName).toBe(erase?.actor);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
