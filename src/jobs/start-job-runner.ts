import type { AppContext } from '../app-context.ts';
import { mailerFromEnv, type Mailer } from '../notifications/email.ts';
import { deliverNotification } from '../use-cases/notifications/deliver-notification.ts';
import { notifyAlerts, NOTIFY_ALERTS_JOB } from '../use-cases/notifications/notify-alerts.ts';
import { scanReminders, SCAN_REMINDERS_JOB } from '../use-cases/notifications/scan-reminders.ts';
import { DELIVER_JOB } from '../use-cases/notifications/send-notification.ts';
import { JobRunner, type JobRunnerOptions } from './job-runner.ts';

/** How often reminders are looked for: hourly is ample for day-granular deadlines. */
export const REMINDER_SCAN_EVERY_MS = 3_600_000;
/** Alerts are raised in real time; telling people about them within five minutes is enough. */
export const ALERT_SCAN_EVERY_MS = 300_000;

/**
 * The runner `serve` starts: delivers notifications, scans for due reminders every hour and for new
 * alerts of the evaluation engine every five minutes. The
 * mailer comes from `SMTP_URL` unless given.
 *
 * @example
 * const runner = createJobRunner(ctx, { onError: (e) => app.log.error(e) });
 * runner.start();
 */
export function createJobRunner(ctx: AppContext, options: JobRunnerOptions & { mailer?: Mailer | null } = {}): JobRunner {
  const mailer = options.mailer === undefined ? mailerFromEnv() : options.mailer;
  return new JobRunner(
    ctx,
    {
      [DELIVER_JOB]: deliverNotification(mailer),
      [SCAN_REMINDERS_JOB]: async (_job, c) => {
        await scanReminders(c);
      },
      [NOTIFY_ALERTS_JOB]: async (_job, c) => {
        await notifyAlerts(c);
      },
    },
    {
      recurring: [
        { kind: SCAN_REMINDERS_JOB, everyMs: REMINDER_SCAN_EVERY_MS },
        { kind: NOTIFY_ALERTS_JOB, everyMs: ALERT_SCAN_EVERY_MS },
      ],
      ...options,
    },
  );
}
