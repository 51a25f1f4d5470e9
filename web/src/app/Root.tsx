import { App } from './App.tsx';
import { AnswersProvider } from './answers.tsx';
import type { FirstScreen } from './first-screen.ts';
import { RouterProvider } from './router.tsx';
import { SessionProvider } from './session.tsx';
import { I18nProvider } from '../i18n/i18n.tsx';

/**
 * The whole dashboard, as the browser renders it and as the server draws its first screen: with a
 * first screen, every provider starts from what the server knew (language, address, session,
 * answers), so both draw the same page.
 */
export function Root({ first }: { first: FirstScreen | null }) {
  return (
    <I18nProvider initialLang={first?.lang}>
      <SessionProvider initial={first?.me}>
        <RouterProvider initial={first ? { path: first.path, query: new URLSearchParams(first.search) } : undefined}>
          <AnswersProvider answers={first?.answers ?? {}}>
            <App />
          </AnswersProvider>
        </RouterProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
