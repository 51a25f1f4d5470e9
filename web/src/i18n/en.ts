import { behindEn } from './messages/behind.ts';
import { commonEn } from './messages/common.ts';
import { leaderEn } from './messages/leader.ts';
import { overviewEn } from './messages/overview.ts';
import { workspaceEn } from './messages/workspace.ts';
import type { MessageKey } from './vi.ts';

export const en: Record<MessageKey, string> = { ...commonEn, ...leaderEn, ...overviewEn, ...workspaceEn, ...behindEn };
