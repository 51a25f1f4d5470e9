import type { Command } from 'commander';
import type { TokenRecord } from '../../repositories/tokens.repository.ts';
import { createToken } from '../../use-cases/tokens/create-token.ts';
import { listTokens } from '../../use-cases/tokens/list-tokens.ts';
import { revokeToken } from '../../use-cases/tokens/revoke-token.ts';
import { InputError } from '../../domain/errors.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';

const tokens: CommandModule = (program: Command) => {
  const group = program.command('tokens').description('Mã truy cập API cho hệ thống nguồn / API tokens for source systems');

  group
    .command('create')
    .description('Tạo mã truy cập gắn với một đơn vị; mã chỉ hiện một lần / create a token (shown once)')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .requiredOption('--role <role>', 'viewer | reporter | approver | unit_admin | system_admin')
    .option('--name <name>', 'tên gợi nhớ / label, e.g. the source system')
    .option('--scopes <list>', 'read,write,approve,administer,classified (mặc định: theo vai trò / default: all the role allows)')
    .option('--expires <date>', 'hết hạn sau ngày (dd/mm/yyyy hoặc YYYY-MM-DD, giờ Hà Nội) / valid through this day')
    .option('--json', 'machine-readable output: {"token": …, …}')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ unit: string; role: string; name?: string; scopes?: string; expires?: string; json?: boolean }>(command);
      const created = await withAppContext(o, (ctx) =>
        createToken(ctx, cliActor(), {
          unit: o.unit,
          role: o.role,
          name: o.name ?? null,
          scopes: o.scopes ? o.scopes.split(',') : [],
          expires: o.expires ?? null,
        }),
      );
      if (o.json) return printJson({ token: created.token, ...tokenJson(created) });
      console.log(created.token);
      console.error(`Mã #${created.id} (${created.role}@${created.unitCode}) chỉ hiện một lần này — hãy lưu ngay / shown once, store it now.`);
    });

  group
    .command('list')
    .description('Liệt kê mã truy cập (không bao giờ hiện mã) / list tokens (never their secrets)')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const found = await withAppContext(o, (ctx) => listTokens(ctx, null));
      if (o.json) return printJson(found.map(tokenJson));
      if (found.length === 0) return console.log('Chưa có mã truy cập / no tokens');
      for (const t of found) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= new Date() ? 'expired' : 'active';
        console.log(`#${t.id}\t${t.name}\t${t.role}@${t.unitCode}\t${t.scopes.join(',') || '*'}\t${state}`);
      }
    });

  group
    .command('revoke')
    .description('Thu hồi mã truy cập / revoke a token')
    .argument('<id>', 'token id')
    .option('--json', 'machine-readable output')
    .action(async (idText: string, _opts, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new InputError('Mã số không hợp lệ / invalid id', [{ field: 'id', message: `"${idText}" is not a token id` }]);
      const { token, changed } = await withAppContext(o, (ctx) => revokeToken(ctx, cliActor(), id));
      if (o.json) printJson({ ...tokenJson(token), changed });
      else console.log(changed ? `Đã thu hồi / revoked #${id}` : `#${id} đã thu hồi trước đó / was already revoked`);
    });
};

function tokenJson(t: TokenRecord) {
  return {
    id: t.id,
    name: t.name,
    unit: t.unitCode,
    role: t.role,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export default tokens;
