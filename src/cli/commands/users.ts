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
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

/** Who the audit log names for CLI writes: the operator's OS account (the CLI holds the database). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const users: CommandModule = (program: Command) => {
  const group = program.command('users').description(cliText('cli.users.users_and_roles'));

  group
    .command('create')
    .description(cliText('cli.users.create_user'))
    .requiredOption('--username <username>', cliText('cli.users.login_name'))
    .requiredOption('--name <name>', cliText('cli.users.display_name'))
    .requiredOption('--unit <code>', cliText('cli.report.unit_code'))
    .requiredOption('--role <role>', 'viewer | reporter | approver | unit_admin | system_admin')
    .option('--email <email>', 'email')
    .option('--password <password>', cliText('cli.users.password'))
    .option('--password-stdin', cliText('cli.users.read_password_from_stdin'))
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
        throw new InputError(message('cli.users.use_one_of_password_password'), [{ field: 'password', message: 'both given' }]);
      }
      const password = o.passwordStdin ? await readPasswordFromStdin() : (o.password ?? null);
      const user = await withAppContext(o, (ctx) =>
        createUser(ctx, cliActor(), { username: o.username, displayName: o.name, unit: o.unit, role: o.role, email: o.email ?? null, password }),
      );
      if (o.json) printJson(userJson(user));
      else console.log(cliText('cli.users.created_user', { username: user.username, userId: String(user.id), grants: describeGrants(user) }));
    });

  group
    .command('list')
    .description(cliText('cli.users.list_users'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const found = await withAppContext(o, (ctx) => listUsers(ctx, null));
      if (o.json) return printJson(found.map(userJson));
      if (found.length === 0) return console.log(cliText('cli.users.no_users'));
      for (const u of found) console.log(`${u.username}\t${u.displayName}\t${u.unitCode}\t${describeGrants(u)}${u.disabled ? '\t(disabled)' : ''}`);
    });

  group
    .command('grant')
    .description(cliText('cli.users.grant_role_or_classified_reading'))
    .requiredOption('--username <username>', cliText('cli.users.login_name'))
    .requiredOption('--unit <code>', cliText('cli.report.unit_code'))
    .option('--role <role>', 'viewer | reporter | approver | unit_admin | system_admin')
    .option('--classified', cliText('cli.users.explicit_classified_reading'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; unit: string; role?: string; classified?: boolean; json?: boolean }>(command);
      const { user, changed } = await withAppContext(o, (ctx) =>
        grantRole(ctx, cliActor(), { username: o.username, unit: o.unit, role: o.role ?? null, classified: o.classified ?? false }),
      );
      if (o.json) printJson({ user: userJson(user), changed });
      else console.log(`${changed ? cliText('cli.users.granted') : cliText('cli.users.unchanged')}: ${user.username} — ${describeGrants(user)}`);
    });

  group
    .command('disable')
    .description(cliText('cli.users.disable_user'))
    .requiredOption('--username <username>', cliText('cli.users.login_name'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; json?: boolean }>(command);
      const { user, changed } = await withAppContext(o, (ctx) => disableUser(ctx, cliActor(), o.username));
      if (o.json) printJson({ user: userJson(user), changed });
      else console.log(changed ? cliText('cli.users.disabled', { username: user.username }) : cliText('cli.users.was_already_disabled', { username: user.username }));
    });
  group
    .command('export-data')
    .description(cliText('cli.users.export_everything_held_about_person'))
    .requiredOption('--username <username>', cliText('cli.users.login_name'))
    .option('--out <file>', cliText('cli.users.write_to_file_never_overwrites'))
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; out?: string }>(command);
      const data = await withAppContext(o, (ctx) => exportPersonalData(ctx, cliActor(), o.username));
      if (o.out) {
        await writeFile(o.out, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx' });
        console.log(cliText('cli.users.written', { out: o.out }));
      } else printJson(data);
    });
  group
    .command('erase')
    .description(cliText('cli.users.erase_person_s_details_and'))
    .requiredOption('--username <username>', cliText('cli.users.login_name'))
    .option('--yes', cliText('cli.users.confirm_cannot_undone'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; yes?: boolean; json?: boolean }>(command);
      if (!o.yes) throw new InputError(message('cli.users.erasure_cannot_undone_add_yes'), [{ field: 'yes', message: cliText('cli.users.confirmation_required') }]);
      const { user, changed } = await withAppContext(o, (ctx) => erasePersonalData(ctx, cliActor(), o.username));
      if (o.json) printJson({ user: userJson(user), changed });
      else console.log(changed ? cliText('cli.users.erased_details_of', { username: user.username }) : cliText('cli.users.was_already_erased', { username: user.username }));
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
  return [...roles, ...classified].join(', ') || cliText('cli.users.no_roles');
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
    .description(cliText('cli.users.create_first_system_administrator_once'))
    .requiredOption('--username <username>', cliText('cli.users.login_name'))
    .requiredOption('--name <name>', cliText('cli.users.display_name'))
    .option('--email <email>', 'email')
    .option('--password-stdin', cliText('cli.users.read_password_from_stdin'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ username: string; name: string; email?: string; passwordStdin?: boolean; json?: boolean }>(command);
      if (!o.passwordStdin) throw new InputError(message('cli.users.password_stdin_required_no_password'), [{ field: 'password', message: 'required' }]);
      const password = await readPasswordFromStdin();
      const user = await withAppContext(o, (ctx) => setUpFirstAdministrator(ctx, cliActor(), { username: o.username, displayName: o.name, email: o.email ?? null, password }));
      if (o.json) printJson(userJson(user));
      else console.log(cliText('cli.users.created_administrator', { username: user.username, grants: describeGrants(user) }));
    });
};

export default users;
