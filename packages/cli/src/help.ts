import { describeKind, placeholder, usageLine, type CommandSpec, type OptionSpec } from './args.js';

/**
 * Renders a command's `--help` text: the usage line, the summary, and one entry per visible option
 * with its value, what it sets, its unit and its default.
 */
export function renderHelp(spec: CommandSpec): string {
  const lines = [`Usage: puregrad ${usageLine(spec)}`, '', spec.summary, '', 'Options:'];
  const visible = spec.options.filter((option) => option.hidden !== true);
  const flags = visible.map(flagText);
  const width = Math.max(...flags.map((flag) => flag.length), '-h, --help'.length);

  visible.forEach((option, i) => {
    lines.push(`  ${(flags[i] as string).padEnd(width)}  ${option.description}`);
    for (const detail of details(option)) lines.push(`  ${' '.repeat(width)}    ${detail}`);
  });
  lines.push(`  ${'-h, --help'.padEnd(width)}  Print this help and exit.`);
  return lines.join('\n') + '\n';
}

function flagText(option: OptionSpec): string {
  const value = placeholder(option);
  return value === '' ? `--${option.name}` : `--${option.name} ${value}`;
}

function details(option: OptionSpec): string[] {
  const parts: string[] = [];
  if (option.kind.type !== 'boolean' && option.kind.type !== 'choice') {
    parts.push(`Value: ${describeKind(option.kind)}.`);
  }
  if (option.unit !== undefined) parts.push(`Unit: ${option.unit}.`);
  if (option.defaultText !== undefined) parts.push(`Default: ${option.defaultText}.`);
  return parts.length === 0 ? [] : [parts.join(' ')];
}
