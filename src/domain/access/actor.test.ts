import { describe, expect, it } from 'vitest';
import { actorDisplayName } from './actor-name.ts';
import { actorsOfUser, parseActor, userActor } from './actor.ts';
import { erasedName, isErasedName } from './erased-name.ts';
import { userPrincipal } from './principal-of.ts';

describe('actors', () => {
  it('records a signed-in user by id, never by name', () => {
    expect(userActor(7)).toBe('user:7');
    expect(userPrincipal({ id: 7, username: 'vt.canbo', grants: [], classifiedUnits: [] }).actor).toBe('user:7');
  });

  it('reads both forms: the id recorded now and the username recorded before', () => {
    expect(parseActor('user:7')).toEqual({ kind: 'user', userId: 7 });
    expect(parseActor('user:vt.canbo')).toEqual({ kind: 'user', username: 'vt.canbo' });
    expect(parseActor('user:0x1')).toEqual({ kind: 'user', username: '0x1' });
    expect(parseActor('token:12')).toEqual({ kind: 'token', tokenId: 12 });
    expect(parseActor('cli:root')).toEqual({ kind: 'other', actor: 'cli:root' });
    expect(parseActor('anonymous')).toEqual({ kind: 'other', actor: 'anonymous' });
    expect(actorsOfUser({ id: 7, username: 'vt.canbo' })).toEqual(['user:7', 'user:vt.canbo']);
  });

  it('shows the name held now, "deleted user" in the reader\'s language once erased, machines as recorded', () => {
    const person = { userId: 7, username: 'vt.canbo', displayName: 'Nguyễn Thị Lan', erased: false };
    expect(actorDisplayName('user:7', person, 'vi')).toBe('Nguyễn Thị Lan');
    expect(actorDisplayName('user:7', { ...person, displayName: erasedName(7), erased: true }, 'vi')).toBe('Người dùng đã xóa');
    expect(actorDisplayName('user:7', { ...person, erased: true }, 'en')).toBe('Deleted user');
    expect(actorDisplayName('connector:dvc', undefined, 'vi')).toBe('connector:dvc');
    expect(isErasedName(7, erasedName(7))).toBe(true);
    expect(isErasedName(8, erasedName(7))).toBe(false);
  });
});
