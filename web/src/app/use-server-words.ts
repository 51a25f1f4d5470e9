import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, type ApiProblem } from './api.ts';
import { problemText, refusalLines } from './server-messages.ts';

export interface ServerWords {
  /** One wrong field or line, in the page's language. */
  problem: (p: ApiProblem) => string;
  /** Everything a failed call says, on one line, in the page's language: the refusal, then each wrong line or field. */
  failure: (error: unknown) => string;
}

/**
 * The server's refusals worded in the language selected on the page, from their codes and parameters
 * (issue #12): switching the language words a refusal already on screen again, without asking the server.
 */
export function useServerWords(): ServerWords {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const where = (p: ApiProblem) => (p.line !== undefined ? `${t('admin.line')} ${p.line}: ` : '');
    return {
      problem: (p) => problemText(p, lang),
      failure: (error) => {
        if (error instanceof ApiError) return refusalLines(error, lang, where).join(' — ');
        return error instanceof Error ? error.message : String(error);
      },
    };
  }, [lang, t]);
}
