import { describe, expect, it } from 'vitest';
import { errorTextIn, InputError } from '../errors.ts';
import { checkAnchor, makeAnchor, parseAnchor } from './anchor.ts';
import { renderMessage } from '../messages/message.ts';

const HASH = 'ab'.repeat(32);

describe('audit anchor', () => {
  it('round-trips through its JSON, and an empty log anchors as nulls', () => {
    const anchor = makeAnchor({ id: 42, hash: HASH, at: '2026-12-01T02:00:00.000Z' }, new Date('2026-12-01T17:00:00Z'));
    expect(anchor).toEqual({ format: 'theodoi-audit-anchor/v1', id: 42, hash: HASH, at: '2026-12-01T02:00:00.000Z', takenAt: '2026-12-01T17:00:00.000Z' });
    expect(parseAnchor(JSON.stringify(anchor))).toEqual(anchor);
    const empty = makeAnchor(null, new Date('2026-12-01T17:00:00Z'));
    expect(parseAnchor(JSON.stringify(empty))).toEqual({ ...empty, id: null, hash: null, at: null });
    expect(checkAnchor(empty, null, null)).toEqual({ id: null, hash: null, ok: true, reason: null });
  });

  it('names each bad field of an anchor file', () => {
    const fields = (text: string) => {
      try {
        parseAnchor(text);
        return [];
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return error.problems.length ? error.problems.map((p) => p.field ?? p.message) : [error.message];
      }
    };
    expect(fields('not json')).toEqual(['Tệp mốc không phải JSON']);
    // The same refusal as a code, said in English for a reader who asks for it.
    const notJson = (() => { try { parseAnchor('not json'); return null; } catch (error) { return error as InputError; } })();
    expect(notJson?.said?.code).toBe('audit.anchor_file_not_json');
    expect(notJson && errorTextIn(notJson, 'en')).toBe('The anchor file is not JSON');
    expect(fields(JSON.stringify({ id: 0, hash: HASH.toUpperCase() }))).toEqual(['format', 'id', 'hash']);
    expect(fields(JSON.stringify({ format: 'theodoi-audit-anchor/v1', id: 3, hash: HASH }))).toEqual([]);
  });

  it('holds only while the anchored entry keeps the anchored hash', () => {
    const anchor = makeAnchor({ id: 42, hash: HASH, at: '2026-12-01T02:00:00.000Z' }, new Date());
    expect(checkAnchor(anchor, HASH, 50).ok).toBe(true);
    expect(checkAnchor(anchor, null, 40)).toMatchObject({ ok: false });
    expect(renderMessage(checkAnchor(anchor, null, 40).reason!, 'en')).toBe('anchored entry 42 is no longer in the log (the log now ends at entry 40): entries were deleted');
    expect(renderMessage(checkAnchor(anchor, null, null).reason!, 'en')).toContain('the log is now empty');
    expect(renderMessage(checkAnchor(anchor, null, null).reason!, 'vi')).toContain('nhật ký nay trống');
    expect(renderMessage(checkAnchor(anchor, 'cd'.repeat(32), 50).reason!, 'en')).toContain('no longer has the anchored hash');
  });
});
