/** One message in both languages; `{name}` marks a parameter. */
export interface CatalogEntry {
  readonly vi: string;
  readonly en: string;
}
