import { readFileSync } from 'node:fs';
import { finnishReferenceData } from '../domain/reference/finland.js';
import { type ReferenceData, referenceDataSchema } from '../domain/reference/referenceData.js';
import { type Config, ConfigError } from './config.js';

const VARIABLE = 'LEDGER_REFERENCE_DATA_FILE';
const MAX_ISSUES = 20;

const refuse = (message: string): never => {
  throw new ConfigError([{ variable: VARIABLE, message }]);
};

const location = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? '(the whole file)'
    : path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, '');

/**
 * The reference data in the JSON file named by LEDGER_REFERENCE_DATA_FILE (the shape of `referenceDataSchema`),
 * or undefined when the variable is unset.
 * @throws ConfigError naming LEDGER_REFERENCE_DATA_FILE when the file cannot be read, is not JSON or is not
 * valid reference data (each wrong field with its path).
 */
export const readReferenceDataFile = (
  config: Pick<Config, 'LEDGER_REFERENCE_DATA_FILE'>,
): ReferenceData | undefined => {
  const file = config.LEDGER_REFERENCE_DATA_FILE;
  if (file === undefined) return undefined;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    refuse(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    refuse(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = referenceDataSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  throw new ConfigError([
    ...issues.slice(0, MAX_ISSUES).map((issue) => ({
      variable: VARIABLE,
      message: `${file} is not valid reference data at ${location(issue.path)}: ${issue.message}`,
    })),
    ...(issues.length > MAX_ISSUES
      ? [{ variable: VARIABLE, message: `... and ${issues.length - MAX_ISSUES} more problems in ${file}` }]
      : []),
  ]);
};

/** The configured reference data: LEDGER_REFERENCE_DATA_FILE's, or the shipped Finnish set (domain.md §2). */
export const loadReferenceData = (config: Pick<Config, 'LEDGER_REFERENCE_DATA_FILE'>): ReferenceData =>
  readReferenceDataFile(config) ?? finnishReferenceData;
