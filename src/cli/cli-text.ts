import { cliLang, message, renderMessage, type MessageCode, type MessageParams } from '../domain/messages/message.ts';

/**
 * A catalogued message in the CLI's language (THEODOI_LANG, Vietnamese unless English is asked):
 * help for commands and options, result lines and refusals alike.
 *
 * @example
 * cliText('cli.audit.anchor_holds', { id: 12 }) // 'Mốc còn nguyên: mục 12'
 */
export function cliText(code: MessageCode, params: MessageParams = {}): string {
  return renderMessage(message(code, params), cliLang());
}
