/** Messages of the workspace screens. */
export const workspaceVi = {
  'workspace.placeholder': '',
} as const;

export const workspaceEn: Record<keyof typeof workspaceVi, string> = {
  'workspace.placeholder': '',
};
