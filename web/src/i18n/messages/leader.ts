/** Messages of the leader screens. */
export const leaderVi = {
  'leader.placeholder': '',
} as const;

export const leaderEn: Record<keyof typeof leaderVi, string> = {
  'leader.placeholder': '',
};
