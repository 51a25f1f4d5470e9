import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { InputError, problem } from '../../domain/errors.ts';
import { cliLang, message } from '../../domain/messages/message.ts';
import { eraseContactData, exportContactData } from '../../use-cases/problems/contact-personal-data.ts';
import { exportProblemCatalogue } from '../../use-cases/problems/export-problem-catalogue.ts';
import { importProposals } from '../../use-cases/problems/import-proposals.ts';
import { findProblemDuplicates } from '../../use-cases/problems/find-problem-duplicates.ts';
import { getProblem } from '../../use-cases/problems/get-problem.ts';
import { listProblems } from '../../use-cases/problems/list-problems.ts';
import { mergeProblems } from '../../use-cases/problems/merge-problems.ts';
import { operatorAccess } from '../../use-cases/problems/problem-access.ts';
import { proposeProblem } from '../../use-cases/problems/propose-problem.ts';
import { setUnitAreaType } from '../../use-cases/problems/set-unit-area-type.ts';
import { transitionProblem } from '../../use-cases/problems/transition-problem.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

// The CLI runs on the server as its operator, so it acts with the operator's (system administrator's)
// rights; the audit log names the operating-system user.
function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const problems: CommandModule = (program: Command) => {
  const group = program.command('problems').description('Danh mục bài toán quản trị / the registry of governance problems');
  group
    .command('list')
    .description('Liệt kê bài toán / list problems')
    .option('--state <states>', 'trạng thái, cách nhau bởi dấu phẩy / comma-separated states')
    .option('--field <code>', 'lĩnh vực quản lý / field of management')
    .option('--area-type <type>', 'urban_core | peri_urban | rural')
    .option('--unit <code>', 'đơn vị đề xuất / proposing unit')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ state?: string; field?: string; areaType?: string; unit?: string; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const result = await listProblems(ctx, operatorAccess(cliActor()), { states: o.state?.split(',').map((s) => s.trim()), field: o.field, areaType: o.areaType, proposingUnit: o.unit, limit: 500 });
        if (o.json) printJson(result);
        else for (const p of result.problems) console.log(`${p.code}\t${p.state}\t${p.fields.join(',')}\t${p.proposingUnit.code}\t${p.name}`);
      });
    });
  group
    .command('show <code>')
    .description('Xem một bài toán / show a problem')
    .action(async (code: string, _opts, command: Command) => {
      await withAppContext(optionsOf(command), async (ctx) => printJson(await getProblem(ctx, operatorAccess(cliActor()), code, cliLang())));
    });
  group
    .command('propose')
    .description('Đề xuất bài toán từ JSON (Mẫu 01) trên stdin / propose a problem from JSON on stdin')
    .action(async (_opts, command: Command) => {
      const input = JSON.parse(await readStdin()) as Parameters<typeof proposeProblem>[2];
      await withAppContext(optionsOf(command), async (ctx) => printJson(await proposeProblem(ctx, operatorAccess(cliActor()), input)));
    });
  group
    .command('duplicates')
    .description('Đề xuất có thể trùng lặp / candidate duplicates')
    .option('--field <code>', 'lĩnh vực quản lý / field of management')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ field?: string; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const { pairs } = await findProblemDuplicates(ctx, operatorAccess(cliActor()), { field: o.field });
        if (o.json) printJson({ pairs });
        else for (const p of pairs) console.log(`${p.a}\t${p.b}\t${p.score.toFixed(2)}\t${p.reason}`);
      });
    });
  group
    .command('merge <codes...>')
    .description('Hợp nhất các đề xuất / merge proposals into one consolidated problem')
    .option('--name <name>', 'tên bài toán hợp nhất / name of the merged problem')
    .option('--note <note>', 'ghi chú / note')
    .action(async (codes: string[], _opts, command: Command) => {
      const o = optionsOf<{ name?: string; note?: string }>(command);
      await withAppContext(o, async (ctx) => printJson(await mergeProblems(ctx, operatorAccess(cliActor()), { codes, name: o.name, note: o.note })));
    });
  group
    .command('transition <code> <to>')
    .description('Chuyển trạng thái / move a problem to another state')
    .option('--note <note>', 'ghi chú, lý do / note, reason')
    .option('--evidence-pilot <code>', 'khi nhân rộng: mã thí điểm làm bằng chứng / for "scaled": the pilot cited as evidence')
    .action(async (code: string, to: string, _opts, command: Command) => {
      const o = optionsOf<{ note?: string; evidencePilot?: string }>(command);
      await withAppContext(o, async (ctx) => {
        const p = await transitionProblem(ctx, operatorAccess(cliActor()), code, to, o.note, { evidencePilot: o.evidencePilot });
        console.log(`${p.code}: ${p.state}`);
      });
    });
  group
    .command('import <file>')
    .description('Nhập Mẫu 01 đã điền (XLSX mỗi dòng một đề xuất, hoặc DOCX một mẫu) / import filled Form 01 proposals')
    .option('--unit <code>', 'xã/phường đề xuất khi tệp không ghi / proposing unit when the file names none')
    .option('--dry-run', 'chỉ kiểm tra, không lưu / check only, store nothing')
    .action(async (file: string, _opts, command: Command) => {
      const o = optionsOf<{ unit?: string; dryRun?: boolean }>(command);
      const bytes = await readFile(file);
      await withAppContext(o, async (ctx) => printJson(await importProposals(ctx, operatorAccess(cliActor()), { bytes, fileName: file, unit: o.unit, dryRun: o.dryRun ?? false })));
    });
  group
    .command('export')
    .description('Xuất Danh mục bài toán theo mẫu / export the priority catalogue (template layout)')
    .requiredOption('--format <format>', 'xlsx | docx')
    .requiredOption('--out <file>', 'tệp ghi ra / output file')
    .option('--state <states>', 'trạng thái, cách nhau bởi dấu phẩy / comma-separated states')
    .option('--field <code>', 'lĩnh vực quản lý / field of management')
    .option('--area-type <type>', 'urban_core | peri_urban | rural')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ format: string; out: string; state?: string; field?: string; areaType?: string }>(command);
      await withAppContext(o, async (ctx) => {
        const file = await exportProblemCatalogue(ctx, operatorAccess(cliActor()), o.format, { states: o.state?.split(',').map((s) => s.trim()).filter(Boolean), field: o.field, areaType: o.areaType });
        await writeFile(o.out, file.body);
        console.log(`${o.out}: ${file.problems} bài toán / problems`);
      });
    });
  group
    .command('area-type <unit> <type>')
    .description('Đặt loại địa bàn của xã/phường / set a ward\'s area type (urban_core | peri_urban | rural)')
    .action(async (unit: string, type: string, _opts, command: Command) => {
      await withAppContext(optionsOf(command), async (ctx) => {
        const r = await setUnitAreaType(ctx, operatorAccess(cliActor()), unit, type);
        console.log(`${r.unit}: ${r.areaType}`);
      });
    });
  group
    .command('contact-data')
    .description('Xuất dữ liệu cá nhân của một liên hệ không phải người dùng (JSON) / export a non-user contact\'s personal data (JSON)')
    .option('--email <email>', 'mọi liên hệ có email này / every contact with this e-mail')
    .option('--contact <id>', 'một liên hệ: problem:<mã> hoặc solution:<số> / one contact')
    .option('--out <file>', 'ghi ra tệp (không ghi đè) / write to a file (never overwrites)')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ email?: string; contact?: string; out?: string }>(command);
      const data = await withAppContext(o, (ctx) => exportContactData(ctx, operatorAccess(cliActor()), { email: o.email, contact: o.contact }));
      if (o.out) {
        await writeFile(o.out, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx' });
        console.log(`Đã ghi / written ${o.out}`);
      } else printJson(data);
    });
  group
    .command('erase-contact')
    .description('Xoá dữ liệu cá nhân (họ tên, chức danh, điện thoại, email) của một liên hệ / erase a contact\'s personal data')
    .option('--email <email>', 'mọi liên hệ có email này / every contact with this e-mail')
    .option('--contact <id>', 'một liên hệ: problem:<mã> hoặc solution:<số> / one contact')
    .option('--yes', 'xác nhận: không thể hoàn tác / confirm: this cannot be undone')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ email?: string; contact?: string; yes?: boolean; json?: boolean }>(command);
      if (!o.yes) throw new InputError(message('contact.erase_confirm'), [problem({ field: 'yes' }, message('contact.erase_confirm'))]);
      const result = await withAppContext(o, (ctx) => eraseContactData(ctx, operatorAccess(cliActor()), { email: o.email, contact: o.contact }));
      if (o.json) printJson(result);
      else console.log(`${result.changed ? 'erased' : 'unchanged'}: ${result.erased.join(', ')}`);
    });
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export default problems;
