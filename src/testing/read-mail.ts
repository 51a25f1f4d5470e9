/**
 * Reads a raw e-mail as a test SMTP server receives it: headers unfolded, the subject's encoded words
 * and the body's transfer encoding (quoted-printable or base64) undone, so tests can assert what a
 * person would read. Single-part text messages only — what our mailer sends.
 */
export function readMail(raw: string): { headers: Map<string, string>; subject: string; text: string } {
  const normalised = raw.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = (split < 0 ? normalised : normalised.slice(0, split)).replace(/\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : normalised.slice(split + 2);
  const headers = new Map<string, string>();
  for (const line of head.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
    : encoding === 'quoted-printable' ? qpBytes(body.replace(/=\n/g, ''))
      : Buffer.from(body, 'utf8');
  return { headers, subject: decodeWords(headers.get('subject') ?? ''), text: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

function qpBytes(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(...Buffer.from(text[i] ?? '', 'utf8'));
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words ("=?UTF-8?Q?...?=", "=?UTF-8?B?...?="); the space between two of them is not text. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_m, kind: string, data: string) =>
      (kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qpBytes(data.replace(/_/g, ' '))).toString('utf8'));
}
