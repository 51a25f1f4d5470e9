import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { CLASSIFIABLE_KINDS, findClassifiable, setClassified, type ClassifiableKind, type ClassifiableRow } from '../../repositories/classification.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/** Finds what is to be (un)marked, refusing an unknown kind or reference by name. */
export async function findClassifiableItem(ctx: AppContext, kind: string, ref: string): Promise<ClassifiableRow & { kind: ClassifiableKind }> {
  if (!(CLASSIFIABLE_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(message('classification.unknown_kind'), [problem({ field: 'kind' }, message('classification.one_of', { CLASSIFIABLE_KINDS: CLASSIFIABLE_KINDS.join(', ') }))]);
  }
  const row = await findClassifiable(ctx.db, kind as ClassifiableKind, ref.normalize('NFC').trim());
  if (!row) throw new NotFoundError(message('classification.no', { kind, ref }));
  return { ...row, kind: kind as ClassifiableKind };
}

/**
 * Marks a plan, a section (every item under it), a target, a task or an indicator classified ("có yếu
 * tố mật") or not, in one audited transaction. The caller has checked that `actor` administers the
 * item's owner and may see its classified items.
 *
 * @example
 * await setClassification(ctx, 'cli:root', { kind: 'target', id: 12, ref: '3-T4', classified: true });
 */
export async function setClassification(
  ctx: AppContext,
  actor: string,
  input: { kind: ClassifiableKind; id: number; ref: string; classified: boolean },
): Promise<{ changed: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const changed = await setClassified(trx, input.kind, input.id, input.classified);
    if (changed > 0) {
      await recordAudit(trx, {
        actor, action: input.classified ? 'classify' : 'declassify', entity: input.kind, entityId: input.id,
        before: { classified: !input.classified }, after: { classified: input.classified, ref: input.ref, rows: changed }, at: ctx.now(),
      });
    }
    return { changed };
  });
}
