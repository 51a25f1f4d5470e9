import { ApiError } from '../../app/api.ts';
import { problemText, refusalText } from '../../app/server-messages.ts';
import type { Lang } from '../../i18n/i18n.tsx';

/** The server's messages by the field they name (problem+json `errors[].field`), in `lang`; others under "". */
export function errorsByField(error: unknown, lang: Lang): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return map;
  for (const e of error.errors) {
    const key = (e.field ?? '').replace(/^\/?(body\/)?/, '').split(/[/.[]/)[0] ?? '';
    map.set(key, [...(map.get(key) ?? []), problemText(e, lang)]);
  }
  if (error.errors.length === 0) map.set('', [refusalText(error, lang)]);
  return map;
}

/** One field's messages from the server, tied to its input by id (aria-describedby). */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return <p id={id} className="field-error" role="alert">{messages.join(' ')}</p>;
}
