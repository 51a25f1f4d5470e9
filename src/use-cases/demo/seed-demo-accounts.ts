import type { AppContext } from '../../app-context.ts';
import type { Role } from '../../db/tables/access.ts';
import { firstReportingPair } from '../../repositories/reporting.repository.ts';
import { rootUnit } from '../../repositories/targets.repository.ts';
import { findUserByUsername } from '../../repositories/users.repository.ts';
import { createUser } from '../users/create-user.ts';

/** The one password of the demo's accounts: the demo city is simulated, and its sign-in page says so. */
export const DEMO_PASSWORD = 'theodoi-demo';

/** A demo account: who it plays, with what role where, and how to sign in. */
export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  unit: string;
}

/**
 * Creates (when missing) one account per role a newcomer wants to try on the demo city: the city's
 * leader, a reporter of a unit that owes a monthly report and the approver its report goes to, and an
 * administrator. Idempotent: existing accounts are kept as they are.
 *
 * @example
 * const accounts = await seedDemoAccounts(ctx); // printed by `serve --demo`, shown on its sign-in page
 */
export async function seedDemoAccounts(ctx: AppContext): Promise<DemoAccount[]> {
  const city = await rootUnit(ctx.db);
  if (!city) return [];
  const pair = await firstReportingPair(ctx.db);
  const wanted: Omit<DemoAccount, 'password'>[] = [
    { username: 'lanhdao', displayName: 'Lãnh đạo Thành phố (demo)', role: 'viewer', unit: city.code },
    ...(pair
      ? [
          { username: 'chuyenvien', displayName: 'Chuyên viên báo cáo (demo)', role: 'reporter' as const, unit: pair.reporter },
          { username: 'pheduyet', displayName: 'Lãnh đạo phê duyệt (demo)', role: 'approver' as const, unit: pair.reviewer },
        ]
      : []),
    { username: 'quantri', displayName: 'Quản trị hệ thống (demo)', role: 'system_admin', unit: city.code },
  ];
  const accounts: DemoAccount[] = [];
  for (const account of wanted) {
    const existing = await findUserByUsername(ctx.db, account.username);
    if (!existing) await createUser(ctx, 'system:demo', { ...account, password: DEMO_PASSWORD });
    else if (existing.disabled) continue;
    accounts.push({ ...account, password: DEMO_PASSWORD });
  }
  return accounts;
}
