import type { AppContext } from '../app-context.ts';
import type { ConnectorsConfig } from '../connectors/connector-config.ts';
import { connectorPullJobs, type SchedulerLog } from '../connectors/scheduler.ts';
import { mailerFromEnv, type Mailer } from '../notifications/email.ts';
import { ALERT_DIGEST_EVERY_MS, ALERT_DIGEST_JOB, sendAlertDigests } from '../use-cases/alerts/send-alert-digests.ts';
import { deliverNotification } from '../use-cases/notifications/deliver-notification.ts';
import { notifyAlerts, NOTIFY_ALERTS_JOB } from '../use-cases/notifications/notify-alerts.ts';
import { scanReminders, SCAN_REMINDERS_JOB } from '../use-cases/notifications/scan-reminders.ts';
import { DELIVER_JOB } from '../use-cases/notifications/send-notification.ts';
import { EVALUATION_MODEL_REVISION } from '../domain/evaluation/evaluation-model.ts';
import { refreshAllTargetSnapshots, REFRESH_TARGET_SNAPSHOTS_JOB } from '../use-cases/evaluation/target-snapshots.ts';
import { JobRunner, type JobRunnerOptions } from './job-runner.ts';

/** How often reminders are looked for: hourly is ample for day-granular deadlines. */
export const REMINDER_SCAN_EVERY_MS = 3_600_000;
/** Target snapshots hold for a day: "time left" moves their status at midnight (UTC, as the as-of date). */
export const SNAPSHOT_REFRESH_EVERY_MS = 24 * 3_600_000;
/** Alerts are raised in real time; telling people about them within five minutes is enough. */
export const ALERT_SCAN_EVERY_MS = 300_000;

/**
 * The runner `serve` starts: delivers notifications, scans for due reminders every hour and for new
 * alerts of the evaluation engine every five minutes, re-evaluates every target at the start of each
 * day (statuses depend on the time left) and once after an upgrade of the evaluation model, sends each unit's alert digest to its subscribers once a day, and pulls each configured connector once per slot of its
 * schedule across all instances. The mailer comes from `SMTP_URL` unless given.
 *
 * @example
 * const runner = createJobRunner(ctx, { onError: (e) => app.log.error(e) });
 * runner.start();
 */
export function createJobRunner(
  ctx: AppContext,
  options: JobRunnerOptions & { mailer?: Mailer | null; connectors?: ConnectorsConfig; log?: SchedulerLog } = {},
): JobRunner {
  const { mailer: givenMailer, connectors, log, ...runnerOptions } = options;
  const mailer = givenMailer === undefined ? mailerFromEnv() : givenMailer;
  const pulls = connectorPullJobs(connectors ?? { connectors: [] }, log ? { log } : {});
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
      [REFRESH_TARGET_SNAPSHOTS_JOB]: async (_job, c) => {
        await refreshAllTargetSnapshots(c);
      },
      // The slot the job stands for names the digest, so a retried or doubled run sends it once.
      [ALERT_DIGEST_JOB]: async (job, c) => {
        await sendAlertDigests(c, { slot: job.runAt });
      },
      ...pulls.handlers,
    },
    {
      recurring: [
        { kind: SCAN_REMINDERS_JOB, everyMs: REMINDER_SCAN_EVERY_MS },
        { kind: NOTIFY_ALERTS_JOB, everyMs: ALERT_SCAN_EVERY_MS },
        { kind: REFRESH_TARGET_SNAPSHOTS_JOB, everyMs: SNAPSHOT_REFRESH_EVERY_MS },
        { kind: ALERT_DIGEST_JOB, everyMs: ALERT_DIGEST_EVERY_MS },
        ...pulls.recurring,
      ],
      // Snapshots of an older evaluation model no longer hold (target-snapshots.ts): after an upgrade
      // that changed what evaluations say, re-evaluate every target at once rather than on the first
      // reads, which would each compute the whole city.
      once: [{ kind: REFRESH_TARGET_SNAPSHOTS_JOB, key: `model:${EVALUATION_MODEL_REVISION}` }],
      ...runnerOptions,
    },
  );
}
