import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import type { UserRecord } from '../../repositories/users.repository.ts';
import { createUser } from '../../use-cases/users/create-user.ts';
import { erasePersonalData } from '../../use-cases/users/erase-personal-data.ts';
import { exportPersonalData } from '../../use-cases/users/export-personal-data.ts';
import { disableUser } from '../../use-cases/users/disable-user.ts';
import { grantRole } from '../../use-cases/users/grant-role.ts';
import { listUsers } from '../../use-cases/users/list-users.ts';
import { setUpFirstAdministrator } from '../../use-cases/users/set-up-first-administrator.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

/** Who the audit log names for CLI writes: the operator's OS account (the CLI holds the database). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const users: CommandModule = (program: Command) => {
  const group = program.command('users').description('Người dùng và vai trò / users and roles');

  group
    .command('create')
    .description('Tạo người dùng thuộc một đơn vị, với một vai trò trên cây đơn vị đó / create a user')
    .requiredOption('--username <username>', 'tên đăng nhập / login name')
    .requiredOption('--name <name>', 'họ tên / display name')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .requiredOption('--role <role>', 'viewer | reporter | approver | unit_admin | system_admin')
    .option('--email <email>', 'email')
    .option('--password <password>', 'mật khẩu (lộ trong lịch sử shell; nên dùng --password-stdin) / password')
    .option('--password-stdin', 'đọc mật khẩu từ stdin / read the password from stdin')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{
        username: string;
        name: string;
        unit: string;
        role: string;
        email?: string;
        password?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }>(command);
      if (o.password !== undefined && o.passwordStdin) {
        throw new InputError('Chọn một trong --password và --password-stdin / use one of --password, --password-stdin', [{ field: 'password', message: 'both given' }]);
      }
      const password = o.passwordStdin ? await readPasswordFromStdin() : (o.password ?? null);
      const user = await withAppContext(o, (ctx) =>
        createUser(ctx, cliActor(), { username: o.username, displayName: o.name, unit: o.unit, role: o.role, email: o.email ?? null, password }),
      );
      if (o.json) printJson(userJson(user));
      else console.log(`Đã tạo người dùng / created user ${user.username} (#${user.id}) — ${describeGrants(user)}`);
    });

  group
    .command('list')
    .description('Liệt kê người dùng / list users')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const found = await withAppContext(o, (ctx) => listUsers(ctx, null));
      if (o.json) return printJson(found.map(userJson));
      if (found.length === 0) return console.log('Chưa có người dùng / no users');
      for (const u of found) console.log(`${u.username}\t${u.displayName}\t${u.unitCode}\t${describeGrants(u)}${u.disabled ? '\t(disabled)' : ''}`);
    });

  group
    .command('grant')
    .description('Cấp vai trò hoặc quyền xem tài liệu mật trên cây đơn vị / grant a role or classified reading')
    .requiredOption('--username <username>', 'tên đăng nhập / login name')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .option('--role <role>', 'viewer | reporter | approver | unit_admin | system_admin')
    .option('--classified', 'quyền xem tài liệu mật / explicit classified reading')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; unit: string; role?: string; classified?: boolean; json?: boolean }>(command);
      const { user, changed } = await withAppContext(o, (ctx) =>
        grantRole(ctx, cliActor(), { username: o.username, unit: o.unit, role: o.role ?? null, classified: o.classified ?? false }),
      );
      if (o.json) printJson({ user: userJson(user), changed });
      else console.log(`${changed ? 'Đã cấp / granted' : 'Không thay đổi / unchanged'}: ${user.username} — ${describeGrants(user)}`);
    });

  group
    .command('disable')
    .description('Khóa người dùng (thôi việc…): không đăng nhập được, phiên đang mở bị đóng / disable a user')
    .requiredOption('--username <username>', 'tên đăng nhập / login name')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; json?: boolean }>(command);
      const { user, changed } = await withAppContext(o, (ctx) => disableUser(ctx, cliActor(), o.username));
      if (o.json) printJson({ user: userJson(user), changed });
      else console.log(changed ? `Đã khóa / disabled ${user.username}` : `${user.username} đã bị khóa trước đó / was already disabled`);
    });
  group
    .command('export-data')
    .description('Xuất toàn bộ dữ liệu cá nhân của một người (JSON) / export everything held about a person (JSON)')
    .requiredOption('--username <username>', 'tên đăng nhập / login name')
    .option('--out <file>', 'ghi ra tệp (không ghi đè) / write to a file (never overwrites)')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; out?: string }>(command);
      const data = await withAppContext(o, (ctx) => exportPersonalData(ctx, cliActor(), o.username));
      if (o.out) {
        await writeFile(o.out, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx' });
        console.log(`Đã ghi / written ${o.out}`);
      } else printJson(data);
    });
  group
    .command('erase')
    .description('Xoá dữ liệu cá nhân (họ tên, email, mật khẩu) và khóa tài khoản / erase a person\'s details and disable the account')
    .requiredOption('--username <username>', 'tên đăng nhập / login name')
    .option('--yes', 'xác nhận: không thể hoàn tác / confirm: this cannot be undone')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; yes?: boolean; json?: boolean }>(command);
      if (!o.yes) throw new InputError('Xoá dữ liệu cá nhân không thể hoàn tác: thêm --yes để xác nhận / erasure cannot be undone: add --yes to confirm', [{ field: 'yes', message: 'cần xác nhận / confirmation required' }]);
      const { user, changed } = await withAppContext(o, (ctx) => erasePersonalData(ctx, cliActor(), o.username));
      if (o.json) printJson({ user: userJson(user), changed });
      else console.log(changed ? `Đã xoá dữ liệu cá nhân của / erased the details of ${user.username}` : `${user.username} đã được xoá trước đó / was already erased`);
    });
};

function userJson(u: UserRecord) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    unit: u.unitCode,
    disabled: u.disabled,
    grants: u.grants,
    classifiedUnits: u.classifiedUnits,
    createdAt: u.createdAt.toISOString(),
  };
}

function describeGrants(u: UserRecord): string {
  const roles = u.grants.map((g) => `${g.role}@${g.unitCode}`);
  const classified = u.classifiedUnits.map((c) => `classified@${c}`);
  return [...roles, ...classified].join(', ') || '(no roles)';
}

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the trailing newline of `echo` or a here-string is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** `theodoi setup`: the first system administrator of a real installation. */
export const setup: CommandModule = (program: Command) => {
  program
    .command('setup')
    .description('Tạo quản trị hệ thống đầu tiên của một bản cài đặt (chỉ một lần) / create the first system administrator (once)')
    .requiredOption('--username <username>', 'tên đăng nhập / login name')
    .requiredOption('--name <name>', 'họ tên / display name')
    .option('--email <email>', 'email')
    .option('--password-stdin', 'đọc mật khẩu từ stdin / read the password from stdin')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; name: string; email?: string; passwordStdin?: boolean; json?: boolean }>(command);
      if (!o.passwordStdin) throw new InputError('Cần --password-stdin (mật khẩu không nằm trên dòng lệnh) / --password-stdin is required (no password on the command line)', [{ field: 'password', message: 'required' }]);
      const password = await readPasswordFromStdin();
      const user = await withAppContext(o, (ctx) => setUpFirstAdministrator(ctx, cliActor(), { username: o.username, displayName: o.name, email: o.email ?? null, password }));
      if (o.json) printJson(userJson(user));
      else console.log(`Đã tạo quản trị hệ thống / created the system administrator ${user.username} — ${describeGrants(user)}; đăng nhập tại / sign in at /login`);
    });
};

export default users;
