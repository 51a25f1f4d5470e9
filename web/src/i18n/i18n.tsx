import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.ts';
import { vi, type MessageKey } from './vi.ts';

export type Lang = 'vi' | 'en';
const catalogs: Record<Lang, Record<MessageKey, string>> = { vi, en };

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** The cookie that tells the server which language to draw the first screen in (src/http/web/first-screen.ts). */
export const LANG_COOKIE = 'theodoi_lang';

/** The language chosen on this device earlier, if any (browser only). */
export function storedLang(): Lang | null {
  const stored = localStorage.getItem('theodoi.lang');
  return stored === 'en' || stored === 'vi' ? stored : null;
}

/** Remembers a choice the person made; nothing is stored for someone who never chose. */
function rememberLang(lang: Lang): void {
  localStorage.setItem('theodoi.lang', lang);
  document.cookie = `${LANG_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
}

/**
 * Vietnamese by default; the choice is remembered on this device (and in a cookie, so the server
 * draws the first screen in it). `initialLang` is the language the server drew the page in.
 */
export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? storedLang() ?? 'vi');
  const setLang = useCallback((next: Lang) => {
    rememberLang(next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  // The page's language follows the choice from the first render on, so a reload in English is
  // announced as English to screen readers and to the browser's spell and hyphenation rules.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key) => catalogs[lang][key] }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
