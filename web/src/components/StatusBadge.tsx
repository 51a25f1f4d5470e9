import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/vi.ts';
import './components.css';

export const STATUSES = ['met', 'on_track', 'at_risk', 'missed', 'no_data', 'unlinked'] as const;
export type TargetStatus = (typeof STATUSES)[number];

/** A target's status as a coloured label; the text, not only the colour, carries the meaning. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = (STATUSES as readonly string[]).includes(status);
  return <span className={`badge badge-${known ? status : 'no_data'}`}>{known ? t(`status.${status}` as MessageKey) : status}</span>;
}
