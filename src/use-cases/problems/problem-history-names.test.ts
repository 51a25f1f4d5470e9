import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../app-context.ts';
import { createUnit } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { createUser } from '../users/create-user.ts';
import { erasePersonalData } from '../users/erase-personal-data.ts';
import { getProblem } from './get-problem.ts';
import { operatorAccess } from './problem-access.ts';
import { proposeProblem } from './propose-problem.ts';

describe(`a problem's history names people as they are now (${testEngine})`, { timeout: 120_000 }, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    const ctx = contextFor(database);
    const city = await createUnit(database.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    await createUnit(database.db, { code: 'VT', name: 'Phường Vĩnh Tuy', kind: 'commune', parentId: city.id });
    const officer = await createUser(ctx, 'test', { username: 'vt.dexuat', displayName: 'Đỗ Minh Khoa', unit: 'VT', role: 'reporter' });
    // Proposed by the officer as a signed-in user records it: by id.
    const problem = await proposeProblem(ctx, operatorAccess(`user:${officer.id}`), {
      unit: 'VT', receivingUnit: 'VT', name: 'Rác thải cồng kềnh để lâu ngoài ngõ', fields: ['urban_management'], problem: 'Tủ, giường cũ nằm ngoài ngõ nhiều tuần không ai thu gom.',
      currentHandling: 'Tổ trưởng dân phố gọi điện cho công ty môi trường.', managementNeed: 'Biết điểm nào tồn đọng và bao lâu.', pilotScope: 'Ba tổ dân phố trong hai tháng.', contactName: 'Tổ công tác phường',
    });
    return { database, ctx, officer, code: problem.code };
  })();
  afterAll(async () => (await ready).database.close());

  it('shows the display name, keeps the recorded actor, and says "deleted user" once the person is erased', async () => {
    const { ctx, officer, code } = await ready;
    const history = async (lang: 'vi' | 'en') => (await getProblem(ctx, operatorAccess('test'), code, lang)).transitions.map((t) => [t.to, t.actor, t.actorName]);
    expect(await history('vi')).toEqual([['proposed', `user:${officer.id}`, 'Đỗ Minh Khoa']]);
    await erasePersonalData(ctx, 'test', 'vt.dexuat');
    expect(await history('vi')).toEqual([['proposed', `user:${officer.id}`, 'Người dùng đã xóa']]);
    expect(await history('en')).toEqual([['proposed', `user:${officer.id}`, 'Deleted user']]);
  });
});
