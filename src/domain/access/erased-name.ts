/**
 * The name an erased person's row carries from then on (their id keeps provenance). Readers that
 * show who did something recognise it and say "deleted user" in the reader's language instead.
 */
export const erasedName = (id: number) => `Người dùng đã xoá dữ liệu #${id}`;

export function isErasedName(id: number, displayName: string): boolean {
  return displayName === erasedName(id);
}
