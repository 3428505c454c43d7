import { describeKind, placeholder, usageLine, type CommandSpec, type OptionSpec } from './args.js';

/** The width that help text wraps at, in characters. */
const helpWidth = 100;

/**
 * Renders a command's `--help` text: the usage line, the summary, and one entry per visible option
 * with its value, what it sets, its unit and its default, wrapped at 100 columns.
 */
export function renderHelp(spec: CommandSpec): string {
  const lines = [`Usage: puregrad ${usageLine(spec)}`, '', ...wrap(spec.summary, helpWidth), ''];
  lines.push('Options:');
  const visible = spec.options.filter((option) => option.hidden !== true);
  const flags = visible.map(flagText);
  const width = Math.max(...flags.map((flag) => flag.length), '-h, --help'.length);
  const indent = ' '.repeat(width + 4);

  visible.forEach((option, i) => {
    const text = [option.description, ...details(option)].join(' ');
    const [first = '', ...rest] = wrap(text, helpWidth - indent.length);
    lines.push(`  ${(flags[i] as string).padEnd(width)}  ${first}`);
    for (const line of rest) lines.push(`${indent}${line}`);
  });
  lines.push(`  ${'-h, --help'.padEnd(width)}  Prints this help and exits.`);
  return lines.join('\n') + '\n';
}

function flagText(option: OptionSpec): string {
  const value = placeholder(option);
  return value === '' ? `--${option.name}` : `--${option.name} ${value}`;
}

function details(option: OptionSpec): string[] {
  const parts: string[] = [];
  const type = option.kind.type;
  if (type === 'number' || type === 'integer' || type === 'integerList') {
    parts.push(`Value: ${describeKind(option.kind)}.`);
  }
  if (option.unit !== undefined) parts.push(`Unit: ${option.unit}.`);
  if (option.defaultText !== undefined) parts.push(`Default: ${option.defaultText}.`);
  return parts;
}

/** Breaks text into lines of at most `width` characters at spaces; a longer word keeps its line. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
