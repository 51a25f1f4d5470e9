import type { CommandModule } from '../cli-context.ts';

/**
 * Every command group of `theodoi`, in the order `--help` lists them, with the top-level command
 * names each registers; a new area adds its module here. Loaded lazily: a command's module imports
 * its use-cases (and through them most of the application), so one command loads one module and
 * only `--help`, `help` or an unknown word load them all.
 */
export const commandLoaders: { names: string[]; load: () => Promise<CommandModule> }[] = [
  { names: ['serve'], load: async () => (await import('./serve.ts')).default },
  { names: ['setup'], load: async () => (await import('./users.ts')).setup },
  { names: ['db'], load: async () => (await import('./db.ts')).default },
  { names: ['units'], load: async () => (await import('./units.ts')).default },
  { names: ['users'], load: async () => (await import('./users.ts')).default },
  { names: ['tokens'], load: async () => (await import('./tokens.ts')).default },
  { names: ['audit'], load: async () => (await import('./audit.ts')).default },
  { names: ['import', 'plans'], load: async () => (await import('./plans.ts')).default },
  { names: ['indicators'], load: async () => (await import('./indicators.ts')).default },
  { names: ['observations'], load: async () => (await import('./observations.ts')).default },
  { names: ['connectors'], load: async () => (await import('./connectors.ts')).default },
  { names: ['scores'], load: async () => (await import('./scores.ts')).default },
  { names: ['report'], load: async () => (await import('./report.ts')).default },
  { names: ['reporting'], load: async () => (await import('./reporting.ts')).default },
  { names: ['notify'], load: async () => (await import('./notify.ts')).default },
  { names: ['targets'], load: async () => (await import('./targets.ts')).default },
  { names: ['evaluate'], load: async () => (await import('./evaluate.ts')).default },
  { names: ['demo'], load: async () => (await import('./demo.ts')).default },
  { names: ['warn'], load: async () => (await import('./warn.ts')).default },
  { names: ['alerts'], load: async () => (await import('./alerts.ts')).default },
  { names: ['classify'], load: async () => (await import('./classify.ts')).default },
  { names: ['webhooks'], load: async () => (await import('./webhooks.ts')).default },
  { names: ['pilots'], load: async () => (await import('./pilots.ts')).default },
  { names: ['problems'], load: async () => (await import('./problems.ts')).default },
];

/**
 * The command modules a run with these arguments (after `node theodoi`) needs: the one registering
 * the command word, or all of them when there is no known word (top-level help, `help <command>`,
 * a mistyped command that commander answers with a suggestion from every name).
 */
export async function commandModulesFor(args: readonly string[]): Promise<CommandModule[]> {
  const word = commandWord(args);
  const one = word === null ? undefined : commandLoaders.find((l) => l.names.includes(word));
  return Promise.all((one ? [one] : commandLoaders).map((l) => l.load()));
}

/** The first argument that is not the program's own option (`--data-dir <dir>`), or null when an option comes first. */
function commandWord(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--data-dir') i++;
    else if (arg.startsWith('--data-dir=')) continue;
    else return arg.startsWith('-') ? null : arg;
  }
  return null;
}
