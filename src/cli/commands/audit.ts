import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseAnchor } from '../../domain/audit/anchor.ts';
import { cliLang } from '../../domain/messages/message.ts';
import { anchorAuditChain } from '../../use-cases/audit/anchor-audit-chain.ts';
import { listAudit } from '../../use-cases/audit/list-audit.ts';
import { verifyAuditChain, type AuditVerdict } from '../../use-cases/audit/verify-audit-chain.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

const audit: CommandModule = (program: Command) => {
  const group = program.command('audit').description('Nhật ký kiểm toán / audit log');

  group
    .command('verify')
    .description('Kiểm tra chuỗi băm và số liệu các lô; thoát mã 3 nếu bị sửa / verify the hash chain and ingest batches (exit 3 when broken)')
    .option('--anchor <file>', 'tệp mốc từ `audit anchor`: đầu chuỗi đã lưu phải còn nguyên / an anchor from `audit anchor` that must still be in the chain')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean; anchor?: string }>(command);
      // Read before opening the database, so a mistyped path fails fast and names the file.
      const anchor = o.anchor === undefined ? undefined : parseAnchor(await readFile(o.anchor, 'utf8'));
      const verdict = await withAppContext(o, (ctx) => verifyAuditChain(ctx.db, anchor ? { anchor } : {}));
      if (o.json) printJson(verdict);
      else printVerdict(verdict);
      if (!verdict.ok) process.exitCode = 3;
    });

  group
    .command('anchor')
    .description('Xuất đầu chuỗi (số thứ tự, băm, thời điểm) để lưu ngoài CSDL / export the chain head to keep outside the database')
    .option('--out <file>', 'ghi ra tệp thay vì in ra / write to this file instead of standard output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ out?: string }>(command);
      const anchor = await withAppContext(o, (ctx) => anchorAuditChain(ctx));
      if (o.out === undefined) return printJson(anchor);
      // Never overwrite: an older anchor is evidence, and a new one goes beside it.
      await writeFile(o.out, `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx' });
      console.error(`Đã ghi mốc / anchor written: ${o.out} (entry ${anchor.id ?? '(empty log)'})`);
    });

  group
    .command('list')
    .description('Các mục mới nhất trước / entries, newest first')
    .option('--entity <entity>', 'loại đối tượng / entity kind (user, api_token, observation…)')
    .option('--entity-id <id>', 'mã đối tượng / entity id')
    .option('--actor <actor>', 'người/máy thực hiện / actor, e.g. user:7 or user:lan')
    .option('--limit <n>', 'số mục / how many (max 1000)', '100')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ entity?: string; entityId?: string; actor?: string; limit: string; json?: boolean }>(command);
      const entries = await withAppContext(o, (ctx) =>
        listAudit(ctx, { entity: o.entity, entityId: o.entityId, actor: o.actor, limit: Number(o.limit) || 100 }, null, cliLang()),
      );
      if (o.json) return printJson(entries);
      for (const e of entries) {
        // The name as it is now, and the recorded actor beside it for auditors.
        const who = e.actorName === e.actor ? e.actor : `${e.actorName} (${e.actor})`;
        console.log(`#${e.id}\t${e.at}\t${who}\t${e.action}\t${e.entity}${e.entityId ? `:${e.entityId}` : ''}`);
      }
    });
};

function printVerdict(verdict: AuditVerdict): void {
  const { batches, anchor } = verdict;
  if (verdict.firstBadId === null) console.log(`Chuỗi nguyên vẹn / chain intact: ${verdict.entries} entries, head ${verdict.head ?? '(empty)'}`);
  else console.error(`CHUỖI BỊ PHÁ VỠ / CHAIN BROKEN at entry ${verdict.firstBadId}: ${verdict.reason}`);
  console.log(`Lô số liệu / ingest batches: ${batches.checked} checked, ${batches.mismatched} changed, ${batches.notCovered} not covered (written before batch digests)`);
  for (const m of batches.mismatches) console.error(`SỐ LIỆU BỊ SỬA / BATCH CHANGED: ${m.reason}`);
  if (batches.mismatched > batches.mismatches.length) console.error(`… and ${batches.mismatched - batches.mismatches.length} more changed batches`);
  if (batches.unaudited.reason) console.error(`LÔ KHÔNG CÓ NHẬT KÝ / BATCH NOT AUDITED: ${batches.unaudited.reason}`);
  if (anchor?.ok) console.log(`Mốc còn nguyên / anchor holds: entry ${anchor.id ?? '(empty log)'}`);
  else if (anchor) console.error(`MỐC KHÔNG KHỚP / ANCHOR FAILS: ${anchor.reason}`);
}

export default audit;
