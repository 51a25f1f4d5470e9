import { behindVi } from './messages/behind.ts';
import { commonVi } from './messages/common.ts';
import { leaderVi } from './messages/leader.ts';
import { overviewVi } from './messages/overview.ts';
import { workspaceVi } from './messages/workspace.ts';

/** Vietnamese, the default language: every area's catalogue. Keys are shared with en.ts. */
export const vi = { ...commonVi, ...leaderVi, ...overviewVi, ...workspaceVi, ...behindVi } as const;

export type MessageKey = keyof typeof vi;
