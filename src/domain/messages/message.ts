import { CATALOG, type MessageCode } from './catalog/index.ts';
import { fillPlaceholders } from './fill-placeholders.ts';

export type { MessageCode };
export type Lang = 'vi' | 'en';
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * What the system says to a person, as a stable code and its parameters. It is put into words only
 * at the edge that knows the reader's language (the API by Accept-Language, the CLI by
 * THEODOI_LANG), so one message never carries both languages and clients can act on the code.
 */
export interface Message {
  readonly code: MessageCode;
  readonly params: MessageParams;
}

export function message(code: MessageCode, params: MessageParams = {}): Message {
  return { code, params };
}

/**
 * The message in `lang`, its `{name}` placeholders filled from the parameters. Numbers are written
 * as the language writes them (1.234,5 in Vietnamese).
 *
 * @example
 * renderMessage(message('unit.unknown', { unit: 'P_X' }), 'vi') // 'Không có đơn vị mã "P_X"'
 */
export function renderMessage(m: Message, lang: Lang): string {
  return fillPlaceholders(CATALOG[m.code][lang], m.params, lang);
}

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(CATALOG, code);
}

/** The reader's language from an Accept-Language header: English when asked for first, Vietnamese otherwise. */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/** The CLI's language: THEODOI_LANG=en for English, Vietnamese otherwise. */
export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return env.THEODOI_LANG?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
