import type { AppContext } from '../../app-context.ts';
import { formatRegistryCsv } from '../../registry/registry-csv.ts';
import { formatRegistryXlsx } from '../../registry/registry-xlsx.ts';
import { loadRegistryUnits } from '../../repositories/units.repository.ts';
import type { RegistryFormat } from './import-units.ts';

/**
 * Exports the whole registry (history included) in the import format, parents before children, so
 * that importing the export into an empty database and exporting again gives the same bytes.
 *
 * @example
 * await writeFile('don-vi.xlsx', await exportUnits(ctx, 'xlsx'));
 */
export async function exportUnits(ctx: AppContext, format: RegistryFormat): Promise<Buffer> {
  const units = await loadRegistryUnits(ctx.db);
  return format === 'xlsx' ? formatRegistryXlsx(units) : Buffer.from(formatRegistryCsv(units), 'utf8');
}
