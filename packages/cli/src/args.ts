import { usageError } from './cliError.js';

/** A parsed option value. Lists are comma-separated integers, such as `--layers 256,128`. */
export type OptionValue = string | number | boolean | readonly number[];

/** The type of an option's value and the range it must lie in. */
export type OptionKind =
  | { readonly type: 'string' }
  | { readonly type: 'choice'; readonly choices: readonly string[] }
  | { readonly type: 'boolean' }
  | ({ readonly type: 'number' } & NumberRange)
  | { readonly type: 'integer'; readonly min?: number }
  | { readonly type: 'integerList'; readonly min?: number };

/** The range of a number option; an exclusive end lies outside the range. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

/** One `--name` option of a command, with what `--help` prints about it. */
export interface OptionSpec {
  /** The flag without its dashes, e.g. `batch-size`. */
  readonly name: string;
  readonly kind: OptionKind;
  /** The setting the option changes, as one phrase for the help text. */
  readonly description: string;
  /** The unit of the value, e.g. `examples` or `epochs`, shown in the help text. */
  readonly unit?: string;
  /** The value used when the flag is absent, as the help text shows it. */
  readonly defaultText?: string;
  /** The value's name in help text, e.g. `DIR`; derived from the kind unless given. */
  readonly valueName?: string;
  /** Hidden options work but are left out of the help text. */
  readonly hidden?: boolean;
}

/** A command's description for the parser and for `--help`. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** The positional arguments, e.g. `CHECKPOINT`, in order; all are required. */
  readonly positionals: readonly string[];
  readonly options: readonly OptionSpec[];
}

/** The result of parsing a command line: positionals in order and the options given. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, OptionValue>;
  readonly help: boolean;
}

/**
 * Parses `argv` (the words after the command name) against a command's spec. Accepts
 * `--name value`, `--name=value`, `--flag` and `--no-flag` for booleans, and `--help` or `-h`.
 * Throws a usage CliError naming the flag and the rule it broke.
 */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, OptionValue>();
  let help = false;

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--help' || word === '-h') {
      help = true;
    } else if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    } else if (word.startsWith('-') && word !== '-') {
      i = readOption(spec, argv, i, options);
    } else {
      positionals.push(word);
    }
  }

  if (!help) checkPositionals(spec, positionals);
  return { positionals, options, help };
}

function readOption(
  spec: CommandSpec,
  argv: readonly string[],
  index: number,
  options: Map<string, OptionValue>,
): number {
  const word = argv[index] as string;
  const equals = word.indexOf('=');
  const flag = equals === -1 ? word : word.slice(0, equals);
  const inline = equals === -1 ? undefined : word.slice(equals + 1);
  const { option, negated } = findOption(spec, flag);

  if (options.has(option.name)) {
    throw usageError(
      `puregrad ${spec.name}: --${option.name} must be given at most once (got it twice). ` +
        'Remove one of them.',
    );
  }
  if (option.kind.type === 'boolean') {
    options.set(option.name, readBoolean(spec, option, negated, inline));
    return index;
  }
  if (inline !== undefined) {
    options.set(option.name, readValue(spec, option, inline));
    return index;
  }
  const next = argv[index + 1];
  if (next === undefined || (next.startsWith('--') && next.length > 2)) {
    throw usageError(
      `puregrad ${spec.name}: --${option.name} must be followed by a value (got none). ` +
        `Write it as --${option.name} ${placeholder(option)}.`,
    );
  }
  options.set(option.name, readValue(spec, option, next));
  return index + 1;
}

function findOption(spec: CommandSpec, flag: string): { option: OptionSpec; negated: boolean } {
  const name = flag.replace(/^--?/, '');
  const direct = flag.startsWith('--') ? spec.options.find((o) => o.name === name) : undefined;
  if (direct !== undefined) return { option: direct, negated: false };

  const positive = name.startsWith('no-') ? name.slice(3) : undefined;
  const negatable = spec.options.find((o) => o.name === positive && o.kind.type === 'boolean');
  if (flag.startsWith('--') && negatable !== undefined) return { option: negatable, negated: true };

  throw usageError(
    `puregrad ${spec.name}: ${flag} is not an option of this command. ` +
      `Run "puregrad ${spec.name} --help" for the options.`,
  );
}

function readBoolean(
  spec: CommandSpec,
  option: OptionSpec,
  negated: boolean,
  inline: string | undefined,
): boolean {
  if (inline === undefined) return !negated;
  if (!negated && (inline === 'true' || inline === 'false')) return inline === 'true';
  throw usageError(
    `puregrad ${spec.name}: --${option.name} must have no value, or =true or =false (got "${inline}"). ` +
      `Write --${option.name} or --no-${option.name}.`,
  );
}

function readValue(spec: CommandSpec, option: OptionSpec, text: string): OptionValue {
  const value = convert(option.kind, text);
  if (value === undefined) {
    throw usageError(
      `puregrad ${spec.name}: --${option.name} must be ${describeKind(option.kind)} ` +
        `(got "${text}"). Run "puregrad ${spec.name} --help" for the options.`,
    );
  }
  return value;
}

function convert(kind: OptionKind, text: string): OptionValue | undefined {
  switch (kind.type) {
    case 'string':
      return text.length > 0 ? text : undefined;
    case 'choice':
      return kind.choices.includes(text) ? text : undefined;
    case 'boolean':
      return undefined;
    case 'number':
      return convertNumber(kind, text);
    case 'integer':
      return convertInteger(text, kind.min);
    case 'integerList':
      return convertIntegerList(text, kind.min);
  }
}

function convertNumber(range: NumberRange, text: string): number | undefined {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) return undefined;

  const { min, max, minExclusive, maxExclusive } = range;
  const belowMin = min !== undefined && (minExclusive === true ? value <= min : value < min);
  const aboveMax = max !== undefined && (maxExclusive === true ? value >= max : value > max);
  return belowMin || aboveMax ? undefined : value;
}

function convertInteger(text: string, min: number | undefined): number | undefined {
  if (!/^[+-]?\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return undefined;
  return min !== undefined && value < min ? undefined : value;
}

function convertIntegerList(text: string, min: number | undefined): readonly number[] | undefined {
  const values = text.split(',').map((part) => convertInteger(part, min));
  if (values.some((value) => value === undefined)) return undefined;
  return values as number[];
}

/** Describes the values an option accepts, as a noun phrase for help text and error messages. */
export function describeKind(kind: OptionKind): string {
  switch (kind.type) {
    case 'string':
      return 'a non-empty string';
    case 'choice':
      return `one of ${kind.choices.join(', ')}`;
    case 'boolean':
      return 'a flag';
    case 'number':
      return describeNumber(kind);
    case 'integer':
      return kind.min === undefined ? 'an integer' : `an integer of at least ${kind.min}`;
    case 'integerList':
      return kind.min === undefined
        ? 'a comma-separated list of integers'
        : `a comma-separated list of integers of at least ${kind.min}`;
  }
}

function describeNumber(range: NumberRange): string {
  const { min, max, minExclusive, maxExclusive } = range;
  if (min !== undefined && max !== undefined) {
    const open = minExclusive === true ? '(' : '[';
    const close = maxExclusive === true ? ')' : ']';
    return `a number in ${open}${min}, ${max}${close}`;
  }
  if (min !== undefined) {
    return minExclusive === true ? `a number above ${min}` : `a number of at least ${min}`;
  }
  if (max !== undefined) {
    return maxExclusive === true ? `a number below ${max}` : `a number of at most ${max}`;
  }
  return 'a finite number';
}

/** Returns the placeholder of an option's value in help text, e.g. `N` or `adam|adamw|sgd`. */
export function placeholder(option: OptionSpec): string {
  if (option.valueName !== undefined) return option.valueName;
  switch (option.kind.type) {
    case 'choice':
      return option.kind.choices.join('|');
    case 'integer':
      return 'N';
    case 'integerList':
      return 'N,N,...';
    case 'number':
      return 'X';
    case 'string':
      return 'VALUE';
    case 'boolean':
      return '';
  }
}

function checkPositionals(spec: CommandSpec, positionals: readonly string[]): void {
  const expected = spec.positionals;
  if (positionals.length < expected.length) {
    const missing = expected[positionals.length] as string;
    throw usageError(
      `puregrad ${spec.name}: the ${missing} argument is missing. ` +
        `Write it as puregrad ${usageLine(spec)}.`,
    );
  }
  if (positionals.length > expected.length) {
    const extra = positionals[expected.length] as string;
    throw usageError(
      `puregrad ${spec.name}: "${extra}" is an unexpected argument. ` +
        `Write it as puregrad ${usageLine(spec)}.`,
    );
  }
}

/** Returns a command's usage, e.g. `evaluate CHECKPOINT [options]`. */
export function usageLine(spec: CommandSpec): string {
  return [spec.name, ...spec.positionals, '[options]'].join(' ');
}

/** Returns a string or choice option's value, or undefined when the flag was not given. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** Returns a number or integer option's value, or undefined when the flag was not given. */
export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const value = args.options.get(name);
  return typeof value === 'number' ? value : undefined;
}

/** Returns a boolean option's value, or undefined when the flag was not given. */
export function booleanOption(args: ParsedArgs, name: string): boolean | undefined {
  const value = args.options.get(name);
  return typeof value === 'boolean' ? value : undefined;
}

/** Returns an integer list option's value, or undefined when the flag was not given. */
export function listOption(args: ParsedArgs, name: string): readonly number[] | undefined {
  const value = args.options.get(name);
  return Array.isArray(value) ? (value as readonly number[]) : undefined;
}
