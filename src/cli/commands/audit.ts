import type { Command } from 'commander';
import { listAudit } from '../../use-cases/audit/list-audit.ts';
import { verifyAuditChain } from '../../use-cases/audit/verify-audit-chain.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

const audit: CommandModule = (program: Command) => {
  const group = program.command('audit').description('Nhật ký kiểm toán / audit log');

  group
    .command('verify')
    .description('Kiểm tra chuỗi băm; thoát mã 3 nếu bị sửa / verify the hash chain (exit 3 when broken)')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const verdict = await withAppContext(o, (ctx) => verifyAuditChain(ctx.db));
      if (o.json) printJson(verdict);
      else if (verdict.ok) console.log(`Chuỗi nguyên vẹn / chain intact: ${verdict.entries} entries, head ${verdict.head ?? '(empty)'}`);
      else console.error(`CHUỖI BỊ PHÁ VỠ / CHAIN BROKEN at entry ${verdict.firstBadId}: ${verdict.reason}`);
      if (!verdict.ok) process.exitCode = 3;
    });

  group
    .command('list')
    .description('Các mục mới nhất trước / entries, newest first')
    .option('--entity <entity>', 'loại đối tượng / entity kind (user, api_token, observation…)')
    .option('--entity-id <id>', 'mã đối tượng / entity id')
    .option('--actor <actor>', 'người/máy thực hiện / actor, e.g. user:lan')
    .option('--limit <n>', 'số mục / how many (max 1000)', '100')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ entity?: string; entityId?: string; actor?: string; limit: string; json?: boolean }>(command);
      const entries = await withAppContext(o, (ctx) =>
        listAudit(ctx, { entity: o.entity, entityId: o.entityId, actor: o.actor, limit: Number(o.limit) || 100 }, null),
      );
      if (o.json) return printJson(entries);
      for (const e of entries) {
        console.log(`#${e.id}\t${e.at}\t${e.actor}\t${e.action}\t${e.entity}${e.entityId ? `:${e.entityId}` : ''}`);
      }
    });
};

export default audit;
