import { signWebhook } from '../../notifications/webhook.ts';
import type { UpstreamExport } from './upstream-export.ts';

/** The answer of an upstream system to a push. */
export interface PushReceipt {
  accepted: boolean;
  status: number;
  /** The receiver's reference for what it stored, when it gives one. */
  reference: string | null;
}

/**
 * A system the reports go up to (the city's reporting system, the ministry's EMC, the central task
 * tracker). Each publishes its own API in time; a connector adapts our export to it.
 */
export interface UpstreamConnector {
  readonly name: string;
  push(report: UpstreamExport): Promise<PushReceipt>;
}

export interface HttpConnectorOptions {
  name: string;
  url: string;
  /** Sent as "Authorization: Bearer …" when given. */
  token?: string;
  /** When given, the body is signed like our webhooks (X-TheoDoi-Signature). */
  signingSecret?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The generic connector: POSTs the export as JSON to a URL, with an idempotency key per unit and
 * period so a retried push is recognisable. A 2xx answer is accepted; its JSON `id` or `reference`
 * field, if any, is kept.
 *
 * @example
 * const emc = new HttpUpstreamConnector({ name: 'emc', url: 'https://emc.example.gov.vn/api/reports', token: process.env.EMC_TOKEN });
 * await emc.push(toUpstreamExport(content, submission, new Date()));
 */
export class HttpUpstreamConnector implements UpstreamConnector {
  readonly name: string;
  constructor(private readonly options: HttpConnectorOptions) {
    this.name = options.name;
  }

  async push(report: UpstreamExport): Promise<PushReceipt> {
    const body = JSON.stringify(report);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': `${report.unit.code}:${report.period.code}:${report.submission.approvedAt ?? report.submission.submittedAt ?? 'draft'}`,
    };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (this.options.signingSecret) {
      headers['x-theodoi-timestamp'] = timestamp;
      headers['x-theodoi-signature'] = signWebhook(this.options.signingSecret, timestamp, body);
    }
    const response = await (this.options.fetch ?? fetch)(this.options.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let reference: string | null = null;
    try {
      const parsed = JSON.parse(text) as { id?: unknown; reference?: unknown };
      const ref = parsed.reference ?? parsed.id;
      if (typeof ref === 'string' || typeof ref === 'number') reference = String(ref);
    } catch {
      // Not JSON: no reference.
    }
    return { accepted: response.ok, status: response.status, reference };
  }
}
