import type { Command } from 'commander';
import { connectDatabase } from '../../db/connect-database.ts';
import { databaseLocation } from '../../config.ts';
import { backupDatabase, restoreDatabase } from '../../db/backup.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { optionsOf, printJson, type CommandModule } from '../cli-context.ts';
import { cliText } from '../cli-text.ts';

const db: CommandModule = (program: Command) => {
  const group = program.command('db').description('Database administration');
  group
    .command('migrate')
    .description('Apply pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      const handle = await connectDatabase(databaseLocation(options));
      try {
        const result = await migrateToLatest(handle.db);
        const applied = (result.results ?? []).map((r) => r.migrationName);
        if (options.json) printJson({ engine: handle.engine, applied });
        else console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Database is up to date.');
      } finally {
        await handle.close();
      }
    });
  group
    .command('backup')
    .description(cliText('cli.db.back_up_whole_database_to'))
    .requiredOption('--out <file>', cliText('cli.db.backup_file'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const options = optionsOf<{ out: string; json?: boolean }>(command);
      const location = databaseLocation(options);
      const handle = await connectDatabase(location);
      try {
        const result = await backupDatabase(handle, location, options.out);
        if (options.json) printJson({ ...result, file: options.out });
        else console.log(cliText('cli.db.backed_up_bytes', { engine: result.engine, bytes: result.bytes, out: options.out }));
      } finally {
        await handle.close();
      }
    });
  group
    .command('restore')
    .description(cliText('cli.db.restore_backup_into_empty_database'))
    .argument('<file>', cliText('cli.db.backup_file'))
    .action(async (file: string, _opts, command: Command) => {
      const options = optionsOf(command);
      await restoreDatabase(databaseLocation(options), file);
      console.log(cliText('cli.db.restored', { file }));
    });
};

export default db;
