import type { AppContext } from '../app-context.ts';
import type { AccessPrincipal } from '../domain/access/authorize.ts';
import type { Role } from '../db/tables/access.ts';
import { parseCsvTable } from '../domain/observations/tabular-rows.ts';
import { importIndicators } from '../use-cases/indicators/import-indicators.ts';

// Test support shared by the observation, indicator and connector tests: a small tree of units and a
// few indicators. The unit rows go in directly because the registry's importer is another area's.

export const FIXTURE_INDICATORS_CSV = [
  'code,name,measure,direction,aggregation,numerator,denominator,frequency,source_system,classified',
  'DVC_TT,Tỷ lệ hồ sơ trực tuyến toàn trình,%,up,ratio,hồ sơ trực tuyến,tổng hồ sơ,monthly,dvc,false',
  'DN_SO,Số doanh nghiệp số,doanh nghiệp,up,sum,,,quarterly,hanoiwork,false',
  'MAT_01,Chỉ số có yếu tố mật,%,up,mean,,,yearly,,true',
].join('\n');

/** HN (city) ⊃ P_VT (ward) ⊃ P_VT_VH (ward office); HN ⊃ P_HK (another ward). */
export async function seedObservationFixtures(ctx: AppContext): Promise<void> {
  const city = await ctx.db.insertInto('units').values({ code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent_id: null, valid_from: null, valid_to: null }).returning('id').executeTakeFirstOrThrow();
  const ward = await ctx.db.insertInto('units').values({ code: 'P_VT', name: 'Phường Vĩnh Tuy', kind: 'commune', parent_id: city.id, valid_from: null, valid_to: null }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('units').values({ code: 'P_VT_VH', name: 'Phòng Văn hóa - Xã hội', kind: 'office', parent_id: ward.id, valid_from: null, valid_to: null }).execute();
  await ctx.db.insertInto('units').values({ code: 'P_HK', name: 'Phường Hoàn Kiếm', kind: 'commune', parent_id: city.id, valid_from: null, valid_to: null }).execute();
  await importIndicators(ctx, 'test', parseCsvTable(FIXTURE_INDICATORS_CSV));
}

/** A principal with one grant, as the auth layer would build it. */
export function principalFor(role: Role, unitCode: string, kind: 'user' | 'token' = 'token'): AccessPrincipal {
  return { kind, actor: `${kind}:${role}@${unitCode}`, userId: kind === 'user' ? 1 : null, tokenId: kind === 'token' ? 1 : null, grants: [{ unitCode, role }] };
}
