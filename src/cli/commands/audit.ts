import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseAnchor } from '../../domain/audit/anchor.ts';
import { cliLang } from '../../domain/messages/message.ts';
import { anchorAuditChain } from '../../use-cases/audit/anchor-audit-chain.ts';
import { listAudit } from '../../use-cases/audit/list-audit.ts';
import { auditVerdictIn, verifyAuditChain, type AuditVerdictWords } from '../../use-cases/audit/verify-audit-chain.ts';
import { cliText } from '../cli-text.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

const audit: CommandModule = (program: Command) => {
  const group = program.command('audit').description(cliText('cli.audit.audit_log'));

  group
    .command('verify')
    .description(cliText('cli.audit.verify_hash_chain_and_ingest'))
    .option('--anchor <file>', cliText('cli.audit.anchor_from_audit_anchor_must'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean; anchor?: string }>(command);
      // Read before opening the database, so a mistyped path fails fast and names the file.
      const anchor = o.anchor === undefined ? undefined : parseAnchor(await readFile(o.anchor, 'utf8'));
      const verdict = auditVerdictIn(await withAppContext(o, (ctx) => verifyAuditChain(ctx.db, anchor ? { anchor } : {})), cliLang());
      if (o.json) printJson(verdict);
      else printVerdict(verdict);
      if (!verdict.ok) process.exitCode = 3;
    });

  group
    .command('anchor')
    .description(cliText('cli.audit.export_chain_head_to_keep'))
    .option('--out <file>', cliText('cli.audit.write_to_file_instead_of'))
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ out?: string }>(command);
      const anchor = await withAppContext(o, (ctx) => anchorAuditChain(ctx));
      if (o.out === undefined) return printJson(anchor);
      // Never overwrite: an older anchor is evidence, and a new one goes beside it.
      await writeFile(o.out, `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx' });
      console.error(cliText('cli.audit.anchor_written_entry', { out: o.out, entry: entryRef(anchor.id) }));
    });

  group
    .command('list')
    .description(cliText('cli.audit.entries_newest_first'))
    .option('--entity <entity>', cliText('cli.audit.entity_kind_user_api_token'))
    .option('--entity-id <id>', cliText('cli.audit.entity_id'))
    .option('--actor <actor>', cliText('cli.audit.actor_e_g_user_lan'))
    .option('--limit <n>', cliText('cli.audit.how_many_max'), '100')
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

/** An entry's number as written in the log (no thousands separator), or "empty log". */
function entryRef(id: number | null): string {
  return id === null ? cliText('cli.audit.empty_log') : String(id);
}

function printVerdict(verdict: AuditVerdictWords): void {
  const { batches, anchor } = verdict;
  if (verdict.firstBadId === null) console.log(cliText('cli.audit.chain_intact_entries_head', { entries: verdict.entries, head: verdict.head ?? cliText('cli.audit.empty_log') }));
  else console.error(cliText('cli.audit.chain_broken_at_entry', { entry: String(verdict.firstBadId), reason: verdict.reason ?? '' }));
  console.log(cliText('cli.audit.ingest_batches_checked_changed_not', { checked: batches.checked, mismatched: batches.mismatched, notCovered: batches.notCovered }));
  for (const m of batches.mismatches) console.error(cliText('cli.audit.batch_changed', { batch: String(m.batchId), entry: String(m.entryId) }));
  if (batches.mismatched > batches.mismatches.length) console.error(cliText('cli.audit.more_changed', { count: batches.mismatched - batches.mismatches.length }));
  const { unaudited } = batches;
  if (unaudited.count > 0) {
    const listed = `${unaudited.batchIds.join(', ')}${unaudited.count > unaudited.batchIds.length ? ', …' : ''}`;
    console.error(cliText('cli.audit.batch_not_audited', { count: unaudited.count, batches: listed }));
  }
  if (anchor?.ok) console.log(cliText('cli.audit.anchor_holds_entry', { entry: entryRef(anchor.id) }));
  else if (anchor) console.error(cliText('cli.audit.anchor_fails', { reason: anchor.reason ?? '' }));
}

export default audit;
