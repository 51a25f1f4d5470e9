import type { Command } from 'commander';
import type { TokenRecord } from '../../repositories/tokens.repository.ts';
import { createToken } from '../../use-cases/tokens/create-token.ts';
import { listTokens } from '../../use-cases/tokens/list-tokens.ts';
import { revokeToken } from '../../use-cases/tokens/revoke-token.ts';
import { InputError } from '../../domain/errors.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

const tokens: CommandModule = (program: Command) => {
  const group = program.command('tokens').description(cliText('cli.tokens.api_tokens_for_source_systems'));

  group
    .command('create')
    .description(cliText('cli.tokens.create_token_shown_once'))
    .requiredOption('--unit <code>', cliText('cli.report.unit_code'))
    .requiredOption('--role <role>', 'viewer | reporter | approver | unit_admin | system_admin')
    .option('--name <name>', cliText('cli.tokens.label_e_g_source_system'))
    .option('--scopes <list>', cliText('cli.tokens.default_all_role_allows'))
    .option('--expires <date>', cliText('cli.tokens.valid_through_day'))
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
      console.error(cliText('cli.tokens.shown_once_store_now', { createdId: String(created.id), role: created.role, unitCode: created.unitCode }));
    });

  group
    .command('list')
    .description(cliText('cli.tokens.list_tokens_never_their_secrets'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const found = await withAppContext(o, (ctx) => listTokens(ctx, null));
      if (o.json) return printJson(found.map(tokenJson));
      if (found.length === 0) return console.log(cliText('cli.tokens.no_tokens'));
      for (const t of found) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= new Date() ? 'expired' : 'active';
        console.log(`#${t.id}\t${t.name}\t${t.role}@${t.unitCode}\t${t.scopes.join(',') || '*'}\t${state}`);
      }
    });

  group
    .command('revoke')
    .description(cliText('cli.tokens.revoke_token'))
    .argument('<id>', 'token id')
    .option('--json', 'machine-readable output')
    .action(async (idText: string, _opts, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new InputError(message('cli.tokens.invalid_id'), [{ field: 'id', message: `"${idText}" is not a token id` }]);
      const { token, changed } = await withAppContext(o, (ctx) => revokeToken(ctx, cliActor(), id));
      if (o.json) printJson({ ...tokenJson(token), changed });
      else console.log(changed ? cliText('cli.tokens.revoked', { id: String(id) }) : cliText('cli.tokens.was_already_revoked', { id: String(id) }));
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
