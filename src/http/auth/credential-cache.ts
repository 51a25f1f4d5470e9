/**
 * What this instance last read from the database about a credential (a token's or session's hash → its
 * principal) or a unit (→ its ancestors), kept while no change was heard: the clock's version
 * (`realtime/change-clock.ts`) must be the one the entry was read under, and it moves with every
 * audited change anywhere (a user disabled, a token revoked, a grant given or taken, units edited)
 * and every logout. `ttlMs` bounds an entry's life anyway; `until` (a token's or session's own expiry)
 * ends it at that moment. With no version (changes cannot be heard) nothing is kept or served.
 *
 * Entries read while a change is in flight are stamped with the version seen *before* the read, so
 * the change's announcement, heard after it commits, retires them.
 *
 * @example
 * const cache = keptUnderVersion<AccessPrincipal>({ ttlMs: 30_000, maxEntries: 10_000 });
 * const hit = cache.get(hash, clock.version, ctx.now());
 */
export interface KeptUnderVersion<T> {
  get(key: string, version: number | null, now: Date): T | undefined;
  set(key: string, value: T, version: number | null, now: Date, until?: Date | null): void;
  clear(): void;
  readonly size: number;
}

export function keptUnderVersion<T>(options: { ttlMs: number; maxEntries: number }): KeptUnderVersion<T> {
  const entries = new Map<string, { value: T; version: number; expires: number }>();
  return {
    get(key, version, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (version === null || entry.version !== version || entry.expires <= now.getTime()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, version, now, until) {
      if (version === null) return;
      const expires = Math.min(now.getTime() + options.ttlMs, until ? until.getTime() : Number.POSITIVE_INFINITY);
      entries.delete(key);
      entries.set(key, { value, version, expires });
      // Oldest first out once full (Map keeps insertion order).
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
