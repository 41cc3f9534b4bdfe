import { ConfigError, loadConfig } from './config/config.js';

const usage = `Usage: jobseeker-ledger <command> [options]

Commands:
  serve            start the HTTP API (REST under /v1, health at /health and /ready)
  help             show this help

Configuration comes from environment variables; see the README.`;

const main = async (argv: string[]): Promise<number> => {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h' || rest.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadConfig(process.env);
  switch (command) {
    case 'serve': {
      const { serve } = await import('./cli/serve.js');
      await serve(config);
      return -1;
    }
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${usage}\n`);
      return 2;
  }
};

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
