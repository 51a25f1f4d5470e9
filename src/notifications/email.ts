import nodemailer from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. the notification's id so a receiver can deduplicate. */
  headers?: Record<string, string>;
}

/** Sends e-mail; the SMTP transport in production, anything with the same shape elsewhere. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * A mailer over SMTP, configured by a URL such as `smtp://user:pass@mail.example.vn:587` or
 * `smtps://…:465` (env `SMTP_URL`); `from` defaults to env `SMTP_FROM`.
 *
 * @example
 * const mailer = smtpMailer(process.env.SMTP_URL!);
 * await mailer.send({ to: 'lan@vinhtuy.gov.vn', subject: 'Nhắc hạn báo cáo', text: '…' });
 */
export function smtpMailer(url: string, from = process.env.SMTP_FROM ?? 'Theo Dõi <no-reply@theodoi.local>'): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      const info = await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}), ...(message.headers ? { headers: message.headers } : {}) });
      return { messageId: String(info.messageId) };
    },
    close() {
      transport.close();
    },
  };
}

/** The mailer the environment configures, or null when `SMTP_URL` is unset (e-mail is then skipped and logged as such). */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL) : null;
}
