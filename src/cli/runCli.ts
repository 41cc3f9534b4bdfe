import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { AppError } from '../domain/errors.js';
import { type CliIo, type CommandEntry, type OptionSpecs, type OptionValues, UsageError } from './command.js';
import { commandHelp, PROGRAM, programHelp } from './help.js';
import { createProgress } from './progress.js';

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
};

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

/** Strict parsing with node:util; its errors (unknown option, missing value) become usage errors. */
const parse = (args: string[], options: ParseArgsConfig['options']) => {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};

const report = (io: CliIo, error: unknown, command: string | undefined): number => {
  if (error instanceof UsageError) {
    const hint = command ? `${PROGRAM} ${command} --help` : `${PROGRAM} --help`;
    io.stderr.write(`${error.message}\nRun \`${hint}\` for usage.\n`);
    return 2;
  }
  if (error instanceof ConfigError || error instanceof AppError) io.stderr.write(`${error.message}\n`);
  else io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
};

/**
 * Runs `jobseeker-ledger <command> [options]` against a registry. Resolves with the exit code, or `undefined`
 * while a command keeps the process running (`serve`).
 */
export const runCli = async (
  argv: readonly string[],
  io: CliIo,
  registry: readonly CommandEntry[],
): Promise<number | undefined> => {
  const [name, ...rest] = argv;
  if (name === undefined || isHelp(name) || (name === 'help' && rest.length === 0)) {
    (name === undefined ? io.stderr : io.stdout).write(programHelp(registry));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const wanted = name === 'help' ? rest[0] : name;
  const entry = registry.find((candidate) => candidate.name === wanted);
  if (!entry) return report(io, new UsageError(`Unknown command: ${wanted}`), undefined);
  try {
    const command = await entry.load();
    if (name === 'help' || rest.some(isHelp)) {
      io.stdout.write(commandHelp(entry, command));
      return 0;
    }
    const { values, positionals } = parse(rest, command.options);
    let config: Config | undefined;
    return await command.run({
      values: values as OptionValues<OptionSpecs>,
      positionals,
      io,
      config: () => {
        config ??= loadConfig(io.env);
        return config;
      },
      progress: (label, total) => createProgress({ label, total, stream: io.stderr }),
    });
  } catch (error) {
    return report(io, error, entry.name);
  }
};
