import type { AppContext } from '../../app-context.ts';
import { dueReminders, ESCALATION_WINDOW_DAYS, type DueReminder } from '../../domain/notifications/reminders.ts';
import { addDays, dueBefore, isExpected, periodsDueBetween, vietnamDate } from '../../domain/reporting/cycles.ts';
import { formatDateVi } from '../../domain/reporting/vietnamese-format.ts';
import { parsePeriod, periodLabel } from '../../domain/periods/period.ts';
import { listObligations, submissionsFor, usersWithRole, type ObligationRow } from '../../repositories/reporting.repository.ts';
import { sendNotification } from './send-notification.ts';
import { message, renderMessage, type Lang, type MessageCode, type MessageParams } from '../../domain/messages/message.ts';

/**
 * A notification's text from the catalogue in both languages: the Vietnamese is what the e-mail says
 * and the inbox shows first; the English is for readers of the inbox in English. `params` in the
 * language's words (a period is "tháng 5/2026" in one, "May 2026" in the other).
 */
function said(code: MessageCode, params: (lang: Lang) => MessageParams): { vi: string; en: string } {
  return { vi: renderMessage(message(code, params('vi')), 'vi'), en: renderMessage(message(code, params('en')), 'en') };
}

export const SCAN_REMINDERS_JOB = 'reminders.scan';

/**
 * Finds every report that calls for a reminder or an escalation now and sends each one once: to the
 * unit's reporters (3 days and 1 day before the deadline), and once late, to the unit's head and to
 * the unit it reports to. Safe to run as often as wanted, from any number of instances: each
 * reminder's key is unique forever.
 *
 * @example await scanReminders(ctx); // → { sent: 2, considered: 14 }
 */
export async function scanReminders(ctx: AppContext): Promise<{ sent: number; considered: number }> {
  const now = ctx.now();
  const today = vietnamDate(now);
  const obligations = await listObligations(ctx.db, { activeOnly: true });
  const candidates: { obligation: ObligationRow; period: string; dueBefore: string }[] = [];
  for (const o of obligations) {
    if (o.cycle === 'ad_hoc') {
      if (o.dueOn && o.dueOn >= addDays(today, -ESCALATION_WINDOW_DAYS) && o.dueOn <= addDays(today, 4)) {
        candidates.push({ obligation: o, period: o.dueOn.slice(0, 7), dueBefore: o.dueOn });
      }
      continue;
    }
    for (const p of periodsDueBetween(o, addDays(today, -ESCALATION_WINDOW_DAYS), addDays(today, 4))) {
      candidates.push({ obligation: o, period: p.code, dueBefore: dueBefore(o, p) });
    }
  }
  const submissions = await submissionsFor(ctx.db, [...new Set(candidates.map((c) => c.obligation.id))], [...new Set(candidates.map((c) => c.period))]);
  let sent = 0;
  for (const c of candidates) {
    if (!isExpected(c.dueBefore, c.obligation.createdAt)) continue;
    const s = submissions.get(`${c.obligation.id}|${c.period}`);
    const reminders = dueReminders({ obligationId: c.obligation.id, period: c.period, dueBefore: c.dueBefore, submitted: !!s?.firstSubmittedAt }, now);
    for (const r of reminders) {
      const done = await ctx.db.transaction().execute(async (trx) => {
        const message = await compose(trx, c.obligation, r);
        if (!message) return false;
        const id = await sendNotification(trx, { ...message, dedupeKey: r.dedupeKey, at: now });
        return id !== null;
      });
      if (done) sent++;
    }
  }
  return { sent, considered: candidates.length };
}

async function compose(db: AppContext['db'], o: ObligationRow, r: DueReminder) {
  const label = (lang: Lang) => labelOf(r.period, lang);
  const due = formatDateVi(r.dueBefore);
  const data = { obligationId: o.id, unit: o.unit.code, period: r.period, dueBefore: r.dueBefore, reminder: r.kind, audience: r.audience };
  const emailsOf = (users: { email: string | null }[]) => users.flatMap((u) => (u.email ? [u.email] : []));
  const words = (title: { vi: string; en: string }, body: { vi: string; en: string }) => ({ title: title.vi, titleEn: title.en, body: body.vi, bodyEn: body.en });
  if (r.kind !== 'escalation') {
    const days = r.kind === 'reminder_3d' ? 3 : 1;
    const users = await usersWithRole(db, o.unit.id, ['reporter', 'unit_admin']);
    return {
      unitId: o.unit.id,
      event: 'report.reminder',
      ...words(
        said('notification.report_due_title', (lang) => ({ period: label(lang), days })),
        said('notification.report_due_body', (lang) => ({ unit: o.unit.name, period: label(lang), due, days })),
      ),
      data,
      emails: emailsOf(users),
      webhookUnitIds: [o.unit.id],
    };
  }
  const overdue = words(
    said('notification.report_overdue_title', (lang) => ({ unit: o.unit.name, period: label(lang) })),
    said('notification.report_overdue_body', (lang) => ({ unit: o.unit.name, period: label(lang), due })),
  );
  if (r.audience === 'unit') {
    const users = await usersWithRole(db, o.unit.id, ['reporter', 'unit_admin']);
    return { unitId: o.unit.id, event: 'report.escalation', ...overdue, data, emails: emailsOf(users), webhookUnitIds: [o.unit.id] };
  }
  if (r.audience === 'head') {
    const users = await usersWithRole(db, o.unit.id, ['approver']);
    const head = said('notification.for_head', (lang) => ({ title: lang === 'vi' ? overdue.title : overdue.titleEn }));
    return { unitId: o.unit.id, event: 'report.escalation', ...overdue, title: head.vi, titleEn: head.en, data, emails: emailsOf(users), webhookUnitIds: [] };
  }
  if (!o.recipient) return null;
  const users = await usersWithRole(db, o.recipient.id, ['approver', 'unit_admin']);
  return { unitId: o.recipient.id, event: 'report.escalation', ...overdue, data, emails: emailsOf(users), webhookUnitIds: [o.recipient.id] };
}

function labelOf(code: string, lang: Lang): string {
  const period = parsePeriod(code);
  return period ? periodLabel(period, lang) : code;
}
