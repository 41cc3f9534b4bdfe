import type { Config } from '../config/config.js';
import type { Progress } from './progress.js';

/** Where a command writes; `process.stdout`/`process.stderr` in production, string buffers in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** One option of a command, as `node:util` parseArgs takes it, plus its help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  default?: string | boolean;
  description: string;
  /** Placeholder shown in help for a string option, e.g. `N` in `--clients N`. */
  valueName?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export interface CommandContext<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
  io: CliIo;
  /** The validated configuration, read from `io.env` on first use (commands that need none never fail on it). */
  config(): Config;
  /** A progress reporter on stderr: a redrawn bar on a terminal, periodic lines otherwise. */
  progress(label: string, total?: number): Progress;
}

/** A command's behaviour and help; its name and one-line summary live in the registry (commands.ts). */
export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** Synopsis after the program name, e.g. `calendar YEAR [--json]`. */
  usage: string;
  description?: string;
  arguments?: ReadonlyArray<{ name: string; description: string }>;
  options: O;
  /** Resolves with the exit code, or `undefined` when the process keeps running (a server). */
  run(context: CommandContext<O>): Promise<number | undefined>;
}

/** A registry entry: cheap to list; `load` imports the command's module only when it is used. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const defineCommand = <O extends OptionSpecs>(command: Command<O>): Command<O> => command;

/** Wrong arguments: the CLI prints the message and a hint to `--help`, and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
