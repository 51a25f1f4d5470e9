import { createHash } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { applyUnitCorrections, canonicalUnitCorrections, type AppliedUnitCorrection } from '../../domain/plans/apply-unit-corrections.ts';
import { ConflictError, InputError } from '../../domain/errors.ts';
import { UnitResolver } from '../../domain/units/unit-resolver.ts';
import type { RegistryUnit } from '../../domain/units/unit.ts';
import type { DocumentModel } from '../../importers/document-model.ts';
import type { PlanDraft } from '../../importers/draft.ts';
import { extractPlanDraft } from '../../importers/extract-plan-draft.ts';
import { readPlanHeader } from '../../importers/plan-header.ts';
import { readPlanDocumentIsolated } from '../../importers/read-plan-document-isolated.ts';
import {
  findPlanIdByIdentity,
  findUnnumberedPlanId,
  findVersionByHash,
  insertPlan,
  insertSections,
  insertVersion,
  listVersions,
  nextVersionNo,
  setPlanCodeIfMissing,
  unitIdByCode,
} from '../../repositories/plans.repository.ts';
import { loadRegistryUnits } from '../../repositories/units.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { detectOwnerCommune } from './detect-plan-owner.ts';
import { contentHash, sectionTree } from './plan-sections.ts';
import { publishVersionInTransaction } from './publish-plan.ts';
import { message, renderMessage } from '../../domain/messages/message.ts';

export interface ImportPlanInput {
  bytes: Uint8Array;
  /** The file's name: its extension picks the reader when the content does not. */
  fileName: string;
  /** Read and extract only; store nothing. */
  dryRun?: boolean;
  /** Publish the imported version right away (in the same transaction). */
  publish?: boolean;
  /** Registry code of the unit whose plan this is; detected from the header when absent. */
  owner?: string | null;
  /**
   * Registry codes chosen by a person for unit names the extractor left without one, keyed by the
   * name as the draft writes it (see applyUnitCorrections). Applied to dry runs too, so a preview
   * shows the corrected draft.
   */
  unitCorrections?: Record<string, string>;
  /** Who imports, for the audit log. */
  actor: string;
}

export type ImportStatus = 'created' | 'unchanged' | 'new_version';

export type ImportPlanResult =
  | { dryRun: true; draft: PlanDraft; owner: string | null; corrections: AppliedUnitCorrection[] }
  | {
      dryRun: false;
      planId: number;
      versionId: number;
      versionNo: number;
      /** created: a new plan; new_version: a revision of a known plan; unchanged: this very document was imported before. */
      status: ImportStatus;
      published: boolean;
      owner: string | null;
      draft: PlanDraft;
      /** The unit corrections applied to the draft, with the references and lines each one fixed. */
      corrections: AppliedUnitCorrection[];
    };

/**
 * Imports a plan document: reads it (text, DOCX or XLSX), extracts the draft with units resolved
 * against the stored registry (inside the owning ward when the plan is a ward's), and — unless
 * `dryRun` — stores it in one transaction as a new plan or a new version of the plan with the same
 * code and issuer (or title, for an unnumbered plan; a numbered document also continues the
 * unnumbered draft of the same title and issuer, whose number it fills in). Importing a document whose normalised content
 * was imported before changes nothing and answers "unchanged" with the stored version.
 *
 * @example
 * const result = await importPlan(ctx, { bytes, fileName: 'ke-hoach.docx', actor: 'cli:admin' });
 * if (!result.dryRun) console.log(result.status, result.versionNo);
 */
export async function importPlan(ctx: AppContext, input: ImportPlanInput): Promise<ImportPlanResult> {
  const model = await readPlanDocumentIsolated(input.bytes, input.fileName);
  const units = await loadRegistryUnits(ctx.db);
  const { draft: extracted, owner } = extractWithOwner(model, units, input.owner ?? null);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const corrected = applyUnitCorrections(extracted, input.unitCorrections ?? {}, { unit: (code) => byCode.get(code) });
  const { draft, applied: corrections } = corrected;
  if (units.length === 0) {
    // Every name would read as unknown; say why once instead of leaving people to guess.
    const said = message('plan_draft.empty_registry');
    draft.warnings.unshift({ line: 1, code: 'empty_registry', message: renderMessage(said, 'vi'), said });
  }
  if (input.dryRun) return { dryRun: true, draft, owner, corrections };
  if (!draft.plan.title.trim()) {
    throw new InputError(message('plan.plan_has_no_title'), [{ line: 1, field: 'title', message: 'thiếu tiêu đề kế hoạch' }]);
  }
  const canonical = canonicalUnitCorrections(input.unitCorrections ?? {});
  const hash = versionHash(model, canonical);

  return storeImport(ctx, input, { draft, owner, hash, corrections, canonical }).catch((error: unknown) => {
    // Two imports of the same plan racing: the loser's version number or hash collides.
    if ((error as { code?: unknown }).code === '23505') {
      throw new ConflictError(message('plan.plan_being_imported_concurrently_retry'));
    }
    throw error;
  });
}

/**
 * The identity of what a version stores: the document's content hash, and — only when a person
 * corrected unit names — that hash combined with the canonical corrections. The same document with
 * the same corrections is the same version; with other corrections it is a new one; without
 * corrections the hash is the plain `contentHash`, so versions stored before corrections existed keep theirs.
 *
 * @example
 * versionHash(model, []) === contentHash(model) // true
 * versionHash(model, [['UB MTTQ Việt Nam', 'HN_MTTQ']]) // sha256 of "<contentHash>\0unit-corrections\0[[\"UB MTTQ Việt Nam\",\"HN_MTTQ\"]]"
 */
export function versionHash(model: DocumentModel, canonicalCorrections: [string, string][]): string {
  const documentHash = contentHash(model);
  if (canonicalCorrections.length === 0) return documentHash;
  return createHash('sha256').update(`${documentHash}\u0000unit-corrections\u0000${JSON.stringify(canonicalCorrections)}`).digest('hex');
}

interface Extracted {
  draft: PlanDraft;
  owner: string | null;
  hash: string;
  corrections: AppliedUnitCorrection[];
  canonical: [string, string][];
}

async function storeImport(ctx: AppContext, input: ImportPlanInput, extracted: Extracted): Promise<ImportPlanResult> {
  const { draft, owner, hash, corrections, canonical } = extracted;
  return ctx.db.transaction().execute(async (trx) => {
    const ownerUnitId = owner ? await unitIdByCode(trx, owner) : null;
    const identity = { code: draft.plan.code, issuer: draft.plan.issuer, title: draft.plan.title };
    let planId = await findPlanIdByIdentity(trx, identity);
    let status: ImportStatus = 'new_version';
    if (planId === null && identity.code !== null) {
      planId = await findUnnumberedPlanId(trx, identity);
      if (planId !== null) await setPlanCodeIfMissing(trx, planId, identity.code, draft.plan.issuedOn);
    }
    if (planId === null) {
      planId = await insertPlan(trx, { ...identity, issuedOn: draft.plan.issuedOn, ownerUnitId });
      status = 'created';
    }

    const existing = await findVersionByHash(trx, planId, hash);
    if (existing) {
      let published = existing.status === 'published';
      if (input.publish && !published) {
        await publishVersionInTransaction(trx, existing, await listVersions(trx, planId), input.actor, ctx.now());
        published = true;
      }
      return { dryRun: false as const, planId, versionId: existing.id, versionNo: existing.versionNo, status: 'unchanged' as const, published, owner, draft, corrections };
    }

    const versionNo = await nextVersionNo(trx, planId);
    const versionId = await insertVersion(trx, { planId, versionNo, contentHash: hash, sourceName: input.fileName, draft });
    const { sections } = sectionTree(draft);
    await insertSections(trx, versionId, sections);
    await recordAudit(trx, {
      actor: input.actor,
      action: 'import',
      entity: 'plan_version',
      entityId: versionId,
      before: null,
      after: {
        planId,
        versionNo,
        source: input.fileName,
        contentHash: hash,
        targets: draft.targets.length,
        tasks: draft.tasks.length,
        // What a person decided, kept with the import: the name, the code chosen, and where it applied.
        ...(canonical.length ? { unitCorrections: Object.fromEntries(canonical), unitCorrectionsApplied: corrections } : {}),
      },
      at: ctx.now(),
    });
    let published = false;
    if (input.publish) {
      const versions = await listVersions(trx, planId);
      const version = versions.find((v) => v.id === versionId);
      if (version) await publishVersionInTransaction(trx, version, versions, input.actor, ctx.now());
      published = true;
    }
    return { dryRun: false as const, planId, versionId, versionNo, status, published, owner, draft, corrections };
  });
}

/**
 * Extracts the draft, resolving unit names inside the owning commune: the given `owner`, or the
 * commune named in the header. An owner code the registry does not know is an input error.
 */
export function extractWithOwner(
  model: DocumentModel,
  units: RegistryUnit[],
  ownerCode: string | null,
): { draft: PlanDraft; owner: string | null } {
  const resolver = new UnitResolver(units);
  if (ownerCode !== null && !units.some((u) => u.code === ownerCode)) {
    throw new InputError(message('plan.unknown_unit_code_again', { ownerCode }), [
      { field: 'owner', message: `mã đơn vị không tồn tại: ${ownerCode}` },
    ]);
  }
  const owner = ownerCode ?? detectOwnerCommune(model, (name) => resolver.resolve(name), readPlanHeader(model.blocks).plan.issuer);
  const context = owner ? { within: owner } : {};
  const draft = extractPlanDraft(model, (name: string) => resolver.resolve(name, context));
  return { draft, owner };
}
