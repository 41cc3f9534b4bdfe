import { readdirSync } from 'node:fs';

/**
 * `npm run bench` runs every `bench/*.bench.ts`; `npm run bench -- NAME [NAME...]` runs those whose file name
 * contains NAME. `--smoke` runs each with tiny parameters (what CI does to keep them working).
 */
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const names = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.includes(n)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${names.join(', ')}`);
  process.exit(2);
}
for (const file of files) {
  const module = (await import(new URL(file, import.meta.url).href)) as {
    run: (o: { smoke: boolean }) => Promise<void>;
  };
  await module.run({ smoke });
}
