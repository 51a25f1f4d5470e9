import type { AppContext } from '../../app-context.ts';
import { ForbiddenError, InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { message } from '../../domain/messages/message.ts';
import { mayEraseContact, mayReadContact } from '../../domain/problems/contact-access.ts';
import { ERASED_CONTACT } from '../../domain/problems/erased-contact.ts';
import { eraseContacts, findContacts, type ContactRecord, type ContactSelector } from '../../repositories/personal-data.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { cityCode, type ProblemAccess } from './problem-access.ts';

export { ERASED_CONTACT } from '../../domain/problems/erased-contact.ts';

/** Who the request is about: every contact with this e-mail, or one contact by its id (`problem:<code>`, `solution:<id>`). */
export interface ContactQuery {
  email?: string | null;
  contact?: string | null;
}

export interface ContactDataExport {
  format: 'theodoi-contact-data/v1';
  exportedAt: string;
  contacts: (Omit<ContactRecord, 'rowId' | 'consentedAt'> & { consentedAt: string | null })[];
}

function selectorOf(query: ContactQuery): ContactSelector {
  const email = query.email?.trim() ?? '';
  const contact = query.contact?.trim() ?? '';
  if (!email === !contact) throw new InputError(message('contact.selector_required'), [problem({ field: email ? 'contact' : 'email' }, message('contact.selector_required'))]);
  if (email) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new InputError(message('contact.email_invalid', { email }), [problem({ field: 'email' }, message('contact.email_invalid', { email }))]);
    return { email };
  }
  const byProblem = /^problem:(\S+)$/.exec(contact);
  if (byProblem) return { problemCode: byProblem[1]! };
  const bySolution = /^solution:(\d{1,9})$/.exec(contact);
  if (bySolution) return { solutionId: Number(bySolution[1]) };
  throw new InputError(message('contact.id_invalid', { contact }), [problem({ field: 'contact' }, message('contact.id_invalid', { contact }))]);
}

/**
 * The contacts a query names. One contact named by its id stands for its person: when it holds an
 * e-mail, every other contact with that e-mail is theirs too (an export or erasure must be whole).
 */
async function contactsOf(ctx: AppContext, query: ContactQuery): Promise<ContactRecord[]> {
  const selector = selectorOf(query);
  const found = await findContacts(ctx.db, selector);
  const email = !('email' in selector) ? found[0]?.email : null;
  return email ? findContacts(ctx.db, { email }) : found;
}

async function unitTree(access: ProblemAccess, contacts: readonly ContactRecord[], city: string) {
  return access.subtree([...new Set(contacts.flatMap((c) => [c.proposingUnit, c.receivingUnit])), city]);
}

const unitsOf = (c: ContactRecord, city: string) => ({ proposing: c.proposingUnit, receiving: c.receivingUnit, city });

/**
 * Everything held about a contact who need not be a user (Law 91/2025 art. 14): the problems naming
 * them as a ward's contact and the solution proposals naming them as proposer, with the consent the
 * proposer gave. Only the contacts the asker may see (the problems' policy); none → 404. Audited —
 * who asked, and which records — without the person's details (no e-mail, no name in the chain).
 *
 * @example
 * await exportContactData(ctx, access, { email: 'an.nguyen@example.vn' });
 * await exportContactData(ctx, access, { contact: 'solution:12' });
 */
export async function exportContactData(ctx: AppContext, access: ProblemAccess, query: ContactQuery): Promise<ContactDataExport> {
  const city = await cityCode(ctx);
  const all = await contactsOf(ctx, query);
  const tree = await unitTree(access, all, city);
  const contacts = all.filter((c) => mayReadContact(access.principal, c.kind, unitsOf(c, city), tree));
  if (!contacts.length) throw new NotFoundError(message('contact.not_found'));
  const at = ctx.now();
  await recordAudit(ctx.db, { actor: access.actor, action: 'export_contact_data', entity: 'contact', entityId: null, before: null, after: { contacts: contacts.map((c) => c.contactId) }, at });
  return {
    format: 'theodoi-contact-data/v1',
    exportedAt: at.toISOString(),
    contacts: contacts.map(({ rowId: _r, consentedAt, ...c }) => ({ ...c, consentedAt: consentedAt ? new Date(consentedAt).toISOString() : null })),
  };
}

/**
 * Erases a contact's details (Law 91/2025 art. 16): on every problem and solution proposal naming
 * them, the name becomes `ERASED_CONTACT` and title, phone and e-mail are removed; the proposals stay
 * (they are the ward's and the organisation's). Needs the right to erase every matching record
 * (403 otherwise, and nothing is changed); none the asker may see → 404. One transaction, one audit
 * entry per record naming which fields were erased, never their values. Erasing again changes nothing.
 *
 * @example
 * await eraseContactData(ctx, access, { email: 'an.nguyen@example.vn' }); // { erased: ['problem:BT-2026-0003'], changed: true }
 */
export async function eraseContactData(ctx: AppContext, access: ProblemAccess, query: ContactQuery): Promise<{ erased: string[]; changed: boolean }> {
  const city = await cityCode(ctx);
  const all = await contactsOf(ctx, query);
  const tree = await unitTree(access, all, city);
  if (!all.some((c) => mayReadContact(access.principal, c.kind, unitsOf(c, city), tree))) throw new NotFoundError(message('contact.not_found'));
  const beyond = all.filter((c) => !mayEraseContact(access.principal, c.kind, unitsOf(c, city), tree));
  if (beyond.length) throw new ForbiddenError(message('contact.erase_forbidden', { count: beyond.length }));
  const pending = all.filter((c) => c.name !== ERASED_CONTACT || c.title !== null || c.phone !== null || c.email !== null);
  if (pending.length) {
    const at = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await eraseContacts(trx, pending, ERASED_CONTACT);
      for (const c of pending) {
        await recordAudit(trx, {
          actor: access.actor, action: 'erase_contact_data', entity: c.kind === 'problem' ? 'problem' : 'problem_solution', entityId: c.kind === 'problem' ? c.problem : c.rowId,
          before: null, after: { contact: c.contactId, erased: ['contactName', 'contactTitle', 'contactPhone', 'contactEmail'] }, at,
        });
      }
    });
  }
  return { erased: all.map((c) => c.contactId), changed: pending.length > 0 };
}
