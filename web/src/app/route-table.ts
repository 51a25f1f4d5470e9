import type { ReactElement } from 'react';

/** A screen: a path pattern such as "/targets/:code" and how to render it with its parameters. */
export interface ScreenRoute {
  pattern: string;
  render: (params: Record<string, string>) => ReactElement;
}
