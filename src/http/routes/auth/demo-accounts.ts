import { Type } from 'typebox';
import type { DemoAccount } from '../../../use-cases/demo/seed-demo-accounts.ts';
import type { App } from '../../route-module.ts';

const demoAccountsSchema = {
  tags: ['auth'],
  summary: 'The demo city\'s accounts',
  description: 'Only a server started with --demo answers (404 otherwise): the accounts its sign-in page offers.',
  response: {
    200: Type.Object({
      accounts: Type.Array(
        Type.Object({ username: Type.String(), password: Type.String(), displayName: Type.String(), role: Type.String(), unit: Type.String() }),
      ),
    }),
  },
};

/**
 * Registered only by a demo server (`serve --demo`): the demo's sign-in page lists these accounts so
 * that a newcomer can sign in at once. A real installation never has this route.
 */
export function registerDemoAccounts(app: App, accounts: readonly DemoAccount[]): void {
  app.get('/api/v1/auth/demo-accounts', { schema: demoAccountsSchema }, () => ({ accounts: accounts.map((a) => ({ ...a })) }));
}
