import { renderToString } from 'react-dom/server';
import type { FirstScreen } from '../app/first-screen.ts';
import { Root } from '../app/Root.tsx';

/**
 * The server's drawing of a first screen (built by `vite build --ssr` into web/dist-ssr and called by
 * src/http/web/first-screen.ts): the same components the browser runs, from the answers given, as
 * markup for the page's root element. Effects do not run here, so nothing is fetched or stored.
 */
export function renderFirstScreen(first: FirstScreen): string {
  return renderToString(<Root first={first} />);
}
