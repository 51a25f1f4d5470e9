import type { Command } from 'commander';
import { serverPort } from '../../config.ts';
import { connectorsConfigPath, loadConnectorsConfig } from '../../connectors/load-connectors-config.ts';
import { createJobRunner } from '../../jobs/start-job-runner.ts';
import { warmPlanReader } from '../../importers/read-plan-document-isolated.ts';
import { openCommandContext, optionsOf, type CommandModule } from '../cli-context.ts';
import { cliText } from '../cli-text.ts';
import { seedDemoIfEmpty } from '../../use-cases/demo/seed-demo-if-empty.ts';
import { demoAccountsText } from '../demo-accounts-text.ts';

// The HTTP server (Fastify, its plugins and every route) is loaded when `serve` runs: every other
// command registers this module too, and would otherwise pay its start-up (about 0.5 s of CPU) each time.
const loadServer = () => import('../../http/build-server.ts');

const serve: CommandModule = (program: Command) => {
  program
    .command('serve')
    .description('Start the API server (and the web dashboard)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to bind', process.env.HOST ?? '127.0.0.1')
    .option('--demo', 'load the demo city (as `demo generate --load`) when the database is empty')
    .action(async (_args, command: Command) => {
      const options = optionsOf<{ port?: string; host: string; demo?: boolean }>(command);
      // Takes the data directory's lock on PGlite (other commands refuse while we run) and loads the
      // built-in registry on first use, as every command does.
      const { buildServer } = await loadServer();
      const ctx = await openCommandContext(options);
      const demo = options.demo ? await seedDemoIfEmpty(ctx) : undefined;
      // A database with its own data gets no demo sign-in list (its accounts are real ones).
      const demoAccounts = demo && demo.found !== 'own' ? demo.accounts : undefined;
      const app = await buildServer(ctx, {
        ...(demoAccounts ? { demoAccounts } : {}),
        logger: { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
      });
      // Reminders, escalations, notification deliveries, the daily re-evaluation and the scheduled pulls
      // from source systems (THEODOI_CONNECTORS names their file; none when unset), each schedule slot
      // once across instances; THEODOI_JOBS=off leaves them to another instance.
      const connectors = await loadConnectorsConfig(connectorsConfigPath());
      const jobs = process.env.THEODOI_JOBS === 'off' ? null : createJobRunner(ctx, { connectors, log: app.log, onError: (err) => app.log.error({ err }, 'job failed') });
      let closing = false;
      const shutdown = (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        // Finish in-flight requests, then release the database (PGlite flushes its files on close).
        void app
          .close()
          .then(() => jobs?.stop())
          .then(() => ctx.database.close())
          .then(() => process.exit(0), (err: unknown) => {
            app.log.error({ err }, 'error during shutdown');
            process.exit(1);
          });
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      let address: string;
      try {
        address = await app.listen({ port: serverPort(options.port), host: options.host });
      } catch (error) {
        // A server that cannot listen must not linger with its scheduler and change feed running (its
        // jobs and live events would run twice beside the instance that holds the port): say why, exit.
        const code = (error as { code?: string }).code;
        const why = code === 'EADDRINUSE' ? cliText('cli.serve.port_in_use', { host: options.host, port: String(serverPort(options.port)) }) : (error as Error).message;
        process.stderr.write(`${cliText('cli.serve.cannot_start', { why })}\n`);
        await app.close().catch(() => undefined);
        await ctx.database.close();
        process.exit(1);
      }
      app.log.info(`Theo Dõi đang chạy tại ${address} — API docs: ${address}/api/docs`);
      if (demo?.found === 'own') app.log.warn('the database holds its own data: the demo city was not loaded and no demo account was created');
      if (demoAccounts?.length) process.stdout.write(demoAccountsText(demoAccounts, `${address}/login`));
      jobs?.start();
      // The plan reader's worker boots now rather than on the first upload (issue #14: a long plan in under 2 s).
      void warmPlanReader();
    });
};

export default serve;
