import { message, renderMessage, type Message } from '../domain/messages/message.ts';
import { redact, type ConnectorDefinition } from './connector-config.ts';

/**
 * A pull that failed, said as a catalogued message whose parameters are already free of secrets;
 * its text (what a connector's status records) is in Vietnamese, the house language.
 */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly said: Message;
  constructor(said: Message, clean: (text: string) => string = (text) => text) {
    const params = Object.fromEntries(Object.entries(said.params).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]));
    const safe = { code: said.code, params };
    super(renderMessage(safe, 'vi'));
    this.said = safe;
  }
}

const MAX_BODY = 64 * 1024 * 1024;

/**
 * GETs the connector's URL with its headers and timeout, and returns the body text. Every failure
 * (timeout, refused connection, HTTP error) becomes a SourceError whose message holds no secret.
 *
 * @example
 * const body = await fetchSource(connector); // '{"data":[…]}'
 */
export async function fetchSource(connector: Pick<ConnectorDefinition, 'url' | 'headers' | 'timeoutMs' | 'secrets' | 'format'>): Promise<string> {
  const safe = (text: string) => redact(text, connector.secrets);
  try {
    const response = await fetch(connector.url, {
      headers: { accept: connector.format === 'csv' ? 'text/csv' : 'application/json', ...connector.headers },
      signal: AbortSignal.timeout(connector.timeoutMs),
      redirect: 'follow',
    });
    if (!response.ok) {
      const excerpt = (await response.text().catch(() => '')).slice(0, 200);
      const said = excerpt
        ? message('connector.source_http_error_excerpt', { status: String(response.status), statusText: response.statusText, excerpt })
        : message('connector.source_http_error', { status: String(response.status), statusText: response.statusText });
      throw new SourceError(said, safe);
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_BODY) throw new SourceError(message('connector.source_too_large', { bytes: length }));
    return await response.text();
  } catch (error) {
    if (error instanceof SourceError) throw error;
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      throw new SourceError(message('connector.source_timed_out', { ms: connector.timeoutMs }));
    }
    const detail = err.cause?.code ?? err.cause?.message ?? err.message;
    throw new SourceError(message('connector.source_unreachable', { detail }), safe);
  }
}
