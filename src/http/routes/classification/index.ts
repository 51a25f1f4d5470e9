import { rootUnit } from '../../../repositories/targets.repository.ts';
import { findClassifiableItem, setClassification } from '../../../use-cases/classification/set-classification.ts';
import { classifiedVisibility, forbiddenFor, requireAccess, requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { setClassificationSchema } from './schema.ts';

const classification: RouteModule = (app, ctx) => {
  app.post('/api/v1/classification', { schema: setClassificationSchema }, async (request) => {
    requireAuthenticated(request);
    const { kind, ref, classified } = request.body;
    const item = await findClassifiableItem(ctx, kind, ref);
    const owner = item.ownerCode ?? (await rootUnit(ctx.db))?.code ?? '';
    // Who marks must administer the item's owner and may see what it marks (or unmarks).
    await requireAccess(request, 'administer', owner);
    if (!(await classifiedVisibility(request, [owner]))(owner)) throw forbiddenFor('administer', owner);
    const { changed } = await setClassification(ctx, request.principal.actor, { kind: item.kind, id: item.id, ref, classified });
    return { kind: item.kind, ref, classified, changed };
  });
};

export default classification;
