import type { Command } from 'commander';
import { connectDatabase } from '../../db/connect-database.ts';
import { databaseLocation } from '../../config.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { optionsOf, printJson, type CommandModule } from '../cli-context.ts';

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
};

export default db;
