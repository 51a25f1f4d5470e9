import type { Lang, MessageParams } from './message.ts';

/**
 * A catalogued template with its `{name}` placeholders filled from the parameters, numbers written as
 * the language writes them (1.234,5 in Vietnamese). Kept apart from the catalogue so the web can use
 * it without bundling every message up front (web/src/app/server-messages.ts loads them on demand).
 */
export function fillPlaceholders(template: string, params: MessageParams, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') : value;
  });
}
