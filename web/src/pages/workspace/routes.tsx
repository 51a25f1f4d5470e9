import type { ScreenRoute } from '../../app/route-table.ts';

/** Units' workspace and administration: sign-in, monthly report, approvals, inbox, imports, tokens. */
export const workspaceRoutes: ScreenRoute[] = [];
