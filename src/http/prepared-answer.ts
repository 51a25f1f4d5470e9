import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * An answer serialised once, with its ETag and its compressed forms made on first demand, so that
 * serving it again to anyone entitled to it costs no serialisation, hashing or compression: the
 * ETag and the bodies are those `@fastify/etag` and `@fastify/compress` would have made (weak SHA-1
 * of the JSON; brotli or gzip as the client accepts).
 *
 * @example
 * const prepared = prepareAnswer(reply.serialize(overview));
 * return sendPrepared(request, reply, prepared);
 */
export interface PreparedAnswer {
  body: string;
  etag: string;
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
}

export function prepareAnswer(body: string): PreparedAnswer {
  return { body, etag: `W/"${createHash('sha1').update(body).digest('base64')}"`, encoded: {} };
}

/** Answers 304 when the client holds this ETag, else the body in the best encoding it accepts. */
export async function sendPrepared(request: FastifyRequest, reply: FastifyReply, prepared: PreparedAnswer): Promise<FastifyReply> {
  void reply.header('etag', prepared.etag).header('vary', 'accept-encoding').type('application/json; charset=utf-8');
  if (holdsEtag(request.headers['if-none-match'], prepared.etag)) return reply.code(304).send();
  const encoding = Buffer.byteLength(prepared.body) >= 1024 ? acceptedEncoding(request.headers['accept-encoding']) : null;
  if (!encoding) return reply.send(prepared.body);
  prepared.encoded[encoding] ??= encoding === 'br'
    ? brotli(prepared.body, { params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: 11 } })
    : gzipped(prepared.body, { level: 9 });
  const body = await prepared.encoded[encoding];
  return reply.header('content-encoding', encoding).send(body);
}

/** Weak comparison (RFC 9110 §13.1.2): `*` or any listed tag with the same opaque value. */
export function holdsEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** brotli, else gzip, as Accept-Encoding allows (q=0 refuses); null for identity. */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const allowed = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return null;
}
