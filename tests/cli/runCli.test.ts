import { describe, expect, it } from 'vitest';
import { type CommandEntry, defineCommand } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/runCli.js';
import { fakeIo } from './fakeIo.js';

const echo = defineCommand({
  usage: 'echo [--times N] [--shout] WORD...',
  description: 'Repeats words.',
  arguments: [{ name: 'WORD', description: 'what to say' }],
  options: {
    times: { type: 'string', short: 't', valueName: 'N', default: '1', description: 'how often' },
    shout: { type: 'boolean', description: 'in capitals' },
  },
  async run({ values, positionals, io }) {
    const text = positionals.join(' ');
    for (let i = 0; i < Number(values.times); i++) io.stdout.write(`${values.shout ? text.toUpperCase() : text}\n`);
    return 0;
  },
});

const needsConfig = defineCommand({
  usage: 'port',
  options: {},
  async run({ config, io, progress }) {
    io.stdout.write(`${config().LEDGER_PORT}\n`);
    const bar = progress('counting', 2);
    bar.tick(2);
    bar.finish();
    return 0;
  },
});

const registry: CommandEntry[] = [
  { name: 'echo', summary: 'repeat words', load: async () => echo },
  { name: 'port', summary: 'print the port', load: async () => needsConfig },
];

describe('runCli', () => {
  it('runs a command with parsed options and positionals', async () => {
    const io = fakeIo();
    expect(await runCli(['echo', '-t', '2', '--shout', 'hei', 'maailma'], io, registry)).toBe(0);
    expect(io.stdout.text()).toBe('HEI MAAILMA\nHEI MAAILMA\n');
  });

  it('lists every command in the program help', async () => {
    const io = fakeIo();
    expect(await runCli(['--help'], io, registry)).toBe(0);
    expect(io.stdout.text()).toMatch(/Usage: jobseeker-ledger <command>/);
    expect(io.stdout.text()).toMatch(/echo\s+repeat words/);
    expect(io.stdout.text()).toMatch(/port\s+print the port/);
  });

  it('prints a command’s help with its arguments, options and defaults', async () => {
    for (const argv of [
      ['echo', '--help'],
      ['help', 'echo'],
      ['echo', 'x', '-h'],
    ]) {
      const io = fakeIo();
      expect(await runCli(argv, io, registry)).toBe(0);
      const help = io.stdout.text();
      expect(help).toMatch(/^Usage: jobseeker-ledger echo \[--times N\]/);
      expect(help).toContain('Repeats words.');
      expect(help).toMatch(/WORD\s+what to say/);
      expect(help).toMatch(/-t, --times N\s+how often \(default 1\)/);
      expect(help).toMatch(/--shout\s+in capitals/);
    }
  });

  it('exits 2 with a hint on an unknown command or option', async () => {
    const unknownCommand = fakeIo();
    expect(await runCli(['frobnicate'], unknownCommand, registry)).toBe(2);
    expect(unknownCommand.stderr.text()).toMatch(/Unknown command: frobnicate\nRun `jobseeker-ledger --help`/);
    const unknownOption = fakeIo();
    expect(await runCli(['echo', '--loud'], unknownOption, registry)).toBe(2);
    expect(unknownOption.stderr.text()).toMatch(/--loud[\s\S]*jobseeker-ledger echo --help/);
    expect(unknownOption.stdout.text()).toBe('');
  });

  it('exits 2 and prints the help on stderr without a command', async () => {
    const io = fakeIo();
    expect(await runCli([], io, registry)).toBe(2);
    expect(io.stderr.text()).toMatch(/Commands:/);
  });

  it('reads the configuration only when the command asks, and reports a wrong value', async () => {
    const ok = fakeIo({ LEDGER_PORT: '4321' });
    expect(await runCli(['port'], ok, registry)).toBe(0);
    expect(ok.stdout.text()).toBe('4321\n');
    expect(ok.stderr.text()).toContain('counting 2/2 (100%)');
    expect(await runCli(['echo', 'hi'], fakeIo({ LEDGER_PORT: 'x' }), registry)).toBe(0);
    const bad = fakeIo({ LEDGER_PORT: 'x' });
    expect(await runCli(['port'], bad, registry)).toBe(1);
    expect(bad.stderr.text()).toMatch(/LEDGER_PORT/);
  });

  it('prints the package version', async () => {
    const io = fakeIo();
    expect(await runCli(['--version'], io, registry)).toBe(0);
    expect(io.stdout.text()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('the command registry', () => {
  it('has unique names and a help text for every command', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const io = fakeIo();
      expect(await runCli([entry.name, '--help'], io, commands)).toBe(0);
      expect(io.stdout.text()).toMatch(new RegExp(`^Usage: jobseeker-ledger ${entry.name}`));
    }
  });
});
