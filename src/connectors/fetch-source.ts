import { redact, type ConnectorDefinition } from './connector-config.ts';

/** A pull that failed: the message is already free of secrets. */
export class SourceError extends Error {
  override name = 'SourceError';
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
      throw new SourceError(safe(`HTTP ${response.status} ${response.statusText} từ nguồn / from the source${excerpt ? `: ${excerpt}` : ''}`));
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_BODY) throw new SourceError(`Nguồn trả về quá lớn (${length} byte) / the source answer is too large`);
    return await response.text();
  } catch (error) {
    if (error instanceof SourceError) throw error;
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      throw new SourceError(`Hết thời gian chờ sau ${connector.timeoutMs} ms / timed out after ${connector.timeoutMs} ms`);
    }
    const detail = err.cause?.code ?? err.cause?.message ?? err.message;
    throw new SourceError(safe(`Không kết nối được nguồn / cannot reach the source: ${detail}`));
  }
}
