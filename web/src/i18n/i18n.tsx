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

/** Vietnamese by default; the choice is remembered on this device. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('theodoi.lang') === 'en' ? 'en' : 'vi'));
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem('theodoi.lang', next);
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
