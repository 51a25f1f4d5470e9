import { Command } from 'commander';
import { reportFailure } from './cli-context.ts';
import { commandModulesFor } from './commands/index.ts';

const program = new Command()
  .name('theodoi')
  .description('Theo Dõi — đo lường, giám sát, chấm điểm tự động chuyển đổi số')
  .option('--data-dir <dir>', 'embedded database directory (default: THEODOI_DATA_DIR or ./data); ignored when DATABASE_URL is set')
  .showHelpAfterError();

for (const register of await commandModulesFor(process.argv.slice(2))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}
