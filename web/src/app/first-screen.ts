import type { Lang } from '../i18n/i18n.tsx';
import type { Me } from './session.tsx';

/**
 * What the server puts in the home page for a signed-in person (src/http/web/first-screen.ts): the
 * answers the first screen would otherwise ask for after its scripts load — who is signed in and the
 * overview — and the language and address it was drawn in. The page is painted from the server's
 * markup before any script runs; the scripts then render over it from the same answers, so the first
 * screen costs one request, not a chain of three (issue #13: first render ≤ 2× the overview's time).
 */
export interface FirstScreen {
  lang: Lang;
  path: string;
  search: string;
  me: Me;
  /** API answers by the path the page reads them from, e.g. "/api/v1/overview?unit=HN". */
  answers: Record<string, unknown>;
}

/** The id of the `<script type="application/json">` element that carries it. */
export const FIRST_SCREEN_ELEMENT_ID = 'first-screen';

/** The first screen the server drew into this page, if it drew one (browser only). */
export function readFirstScreen(): FirstScreen | null {
  const element = document.getElementById(FIRST_SCREEN_ELEMENT_ID);
  if (!element?.textContent) return null;
  try {
    return JSON.parse(element.textContent) as FirstScreen;
  } catch {
    return null;
  }
}
