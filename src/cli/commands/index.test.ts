import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandLoaders, commandModulesFor } from './index.ts';

// The CLI loads only the module of the command it runs, found by name: a name missing from the
// list would make that command unknown, a wrong one would load the wrong module.
describe('lazy command loading', () => {
  it('lists, for each module, exactly the top-level commands it registers, each name once', async () => {
    const seen: string[] = [];
    for (const loader of commandLoaders) {
      const program = new Command();
      (await loader.load())(program);
      expect(program.commands.map((c) => c.name()).sort()).toEqual([...loader.names].sort());
      seen.push(...loader.names);
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('loads one module for a known command, wherever --data-dir stands, and all for help or an unknown word', async () => {
    const all = commandLoaders.length;
    expect(await commandModulesFor(['audit', 'list'])).toHaveLength(1);
    expect(await commandModulesFor(['--data-dir', '/tmp/x', 'units', 'list'])).toHaveLength(1);
    expect(await commandModulesFor(['--data-dir=/tmp/x', 'import', 'plan.docx'])).toHaveLength(1);
    expect(await commandModulesFor(['--help'])).toHaveLength(all);
    expect(await commandModulesFor(['help', 'audit'])).toHaveLength(all);
    expect(await commandModulesFor(['audti'])).toHaveLength(all);
    expect(await commandModulesFor([])).toHaveLength(all);
  });
});
