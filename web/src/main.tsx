import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readFirstScreen } from './app/first-screen.ts';
import { Root } from './app/Root.tsx';
import { storedLang } from './i18n/i18n.tsx';
import './styles.css';

/**
 * The server's first screen, unless it was drawn in another language than the one chosen on this
 * device (the server knows the choice only from its cookie, which a choice made before it existed
 * lacks): then the page starts as if drawn by its scripts alone, and asks in the chosen language.
 */
function firstScreenToUse() {
  const first = readFirstScreen();
  const chosen = storedLang();
  return first && (chosen === null || chosen === first.lang) ? first : null;
}

// When the server drew the first screen into the page, React renders over that markup from the same
// answers in one commit (nothing flashes) rather than hydrating it: values only the browser knows
// (the last visit, the live connection) may differ from the server's drawing, and a hydration
// mismatch would throw the page away and log errors for what is only a preview.
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Root first={firstScreenToUse()} />
  </StrictMode>,
);
