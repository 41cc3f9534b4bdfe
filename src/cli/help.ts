import type { Command, CommandEntry, OptionSpec } from './command.js';

export const PROGRAM = 'jobseeker-ledger';

const table = (rows: ReadonlyArray<readonly [string, string]>): string[] => {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
};

const optionLabel = (name: string, spec: OptionSpec): string =>
  `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;

const optionText = (spec: OptionSpec): string =>
  spec.default === undefined || spec.default === false
    ? spec.description
    : `${spec.description} (default ${spec.default})`;

export const programHelp = (entries: readonly CommandEntry[]): string =>
  [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...table([...entries.map((e) => [e.name, e.summary] as const), ['help [COMMAND]', 'show help']]),
    '',
    'Options:',
    ...table([
      ['-h, --help', 'show help (after a command: that command’s help)'],
      ['--version', 'print the version'],
    ]),
    '',
    'Configuration comes from environment variables (LEDGER_*); see the README.',
    '',
  ].join('\n');

const wrap = (text: string, width = 100): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
};

export const commandHelp = (entry: CommandEntry, command: Command): string => {
  const lines = [`Usage: ${PROGRAM} ${command.usage}`, '', ...wrap(command.description ?? entry.summary)];
  if (command.arguments?.length)
    lines.push('', 'Arguments:', ...table(command.arguments.map((a) => [a.name, a.description] as const)));
  const options = Object.entries(command.options).map(
    ([name, spec]) => [optionLabel(name, spec), optionText(spec)] as const,
  );
  lines.push('', 'Options:', ...table([...options, ['-h, --help', 'show this help']]), '');
  return lines.join('\n');
};
