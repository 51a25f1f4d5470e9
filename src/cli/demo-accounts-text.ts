import type { DemoAccount } from '../use-cases/demo/seed-demo-accounts.ts';
import { cliText } from './cli-text.ts';

/**
 * The demo accounts as printed by `serve --demo` and `demo generate --load`: plain lines (not log
 * lines) so a newcomer sees how to sign in. `where` is the sign-in page when a server is known.
 */
export function demoAccountsText(accounts: DemoAccount[], where?: string): string {
  const lines = accounts.map((a) => `  ${a.username.padEnd(12)} ${a.password}   ${a.displayName} — ${a.role} @ ${a.unit}`);
  return `\n${cliText('cli.demo.accounts', { value: where ? ` (${where})` : '', lines: lines.join('\n') })}\n\n`;
}
