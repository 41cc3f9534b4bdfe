import type { CliIo, OutputStream } from '../../src/cli/command.js';

export interface FakeStream extends OutputStream {
  text(): string;
  chunks: string[];
}

export const fakeStream = (tty = false, columns = 80): FakeStream => {
  const chunks: string[] = [];
  return { isTTY: tty, columns, chunks, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
};

export const fakeIo = (env: Record<string, string> = {}): CliIo & { stdout: FakeStream; stderr: FakeStream } => ({
  stdout: fakeStream(),
  stderr: fakeStream(),
  env,
});
