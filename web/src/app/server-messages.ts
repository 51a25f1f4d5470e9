import { fillPlaceholders } from '../../../src/domain/messages/fill-placeholders.ts';
import type { Lang } from '../i18n/i18n.tsx';
import type { ApiError, ApiProblem } from './api.ts';

/** What the server may say, by code, in both languages: the server's own catalogue (src/domain/messages/catalog). */
export type ServerCatalog = Readonly<Record<string, { readonly vi: string; readonly en: string }>>;

/** A message as the API sends it: a catalogued code with its parameters, and its words as the server chose them. */
export interface ServerSaid {
  code?: string | undefined;
  params?: Readonly<Record<string, string | number>> | undefined;
}

let loaded: ServerCatalog | null = null;
let loading: Promise<ServerCatalog | null> | null = null;

/**
 * Fetches the server's catalogue once, on demand: it is a chunk of its own, so the first screen does
 * not carry every message the server might say (web/e2e/bundle-budget.test.ts). The API client waits
 * for it before handing a refusal over, so the screens can word refusals synchronously. When it cannot
 * be fetched (offline), the server's own words are shown instead, and the next refusal tries again.
 */
export function loadServerCatalog(): Promise<ServerCatalog | null> {
  loading ??= import('../../../src/domain/messages/catalog/index.ts').then(
    (m) => (loaded = m.CATALOG),
    () => {
      loading = null;
      return null;
    },
  );
  return loading;
}

/**
 * A server message in the reader's language, from its code and parameters. `fallback` (the server's
 * `detail` or `message`, worded in the language of the request) is said when the code is missing or
 * unknown to this build of the web, or the catalogue could not be loaded.
 *
 * @example
 * sayServerMessage({ code: 'unit.unknown', params: { unit: 'P_X' } }, 'en', '…') // 'No unit with code "P_X"'
 */
export function sayServerMessage(said: ServerSaid, lang: Lang, fallback: string, catalog: ServerCatalog | null = loaded): string {
  const entry = said.code && catalog && Object.hasOwn(catalog, said.code) ? catalog[said.code] : undefined;
  return entry ? fillPlaceholders(entry[lang], said.params ?? {}, lang) : fallback;
}

/** What a refusal says of the request as a whole, in `lang` (the server's `detail` when its code is unknown here). */
export function refusalText(error: ApiError, lang: Lang): string {
  return sayServerMessage(error, lang, error.detail ?? error.title);
}

/** What the server said of one wrong field or line, in `lang`. */
export function problemText(p: ApiProblem, lang: Lang): string {
  return sayServerMessage(p, lang, p.message);
}

/**
 * A refusal with each wrong field or line after it, in `lang`; `where` names a problem's place
 * ("Dòng 3: "). A refusal worded by the server (code unknown here) is its `detail`, which lists them already.
 */
export function refusalLines(error: ApiError, lang: Lang, where: (p: ApiProblem) => string = () => ''): string[] {
  const top = refusalText(error, lang);
  if (!translatable(error)) return [top];
  return [top, ...error.errors.map((p) => `${where(p)}${problemText(p, lang)}`)].filter((line, i, all) => all.indexOf(line) === i);
}

function translatable(said: ServerSaid): boolean {
  return !!said.code && !!loaded && Object.hasOwn(loaded, said.code);
}
