import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, type CommandSpec } from '../src/args.js';
import { CliError, ExitCode } from '../src/cliError.js';
import { renderHelp } from '../src/help.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'A command for the parser tests.',
  positionals: ['FILE'],
  options: [
    {
      name: 'lr',
      kind: { type: 'number', min: 0, minExclusive: true },
      description: 'Rate.',
      defaultText: '0.001',
    },
    {
      name: 'share',
      kind: { type: 'number', min: 0, max: 1, maxExclusive: true },
      description: 'Share.',
      unit: 'fraction',
    },
    { name: 'epochs', kind: { type: 'integer', min: 1 }, description: 'Epochs.', unit: 'epochs' },
    { name: 'layers', kind: { type: 'integerList', min: 1 }, description: 'Sizes.' },
    { name: 'kind', kind: { type: 'choice', choices: ['a', 'b'] }, description: 'Kind.' },
    { name: 'json', kind: { type: 'boolean' }, description: 'JSON.' },
    { name: 'secret', kind: { type: 'string' }, description: 'Hidden.', hidden: true },
  ],
};

function usageMessage(argv: readonly string[]): string {
  try {
    parseArgs(spec, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.usage);
    return (error as CliError).message;
  }
  throw new Error(`parseArgs accepted ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('reads every kind of value', () => {
    const args = parseArgs(spec, [
      'f.csv',
      '--lr',
      '0.5',
      '--share=0.25',
      '--epochs',
      '3',
      '--layers',
      '4,5',
      '--kind',
      'b',
      '--json',
    ]);
    expect(args.positionals).toEqual(['f.csv']);
    expect(args.options.get('lr')).toBe(0.5);
    expect(args.options.get('share')).toBe(0.25);
    expect(args.options.get('epochs')).toBe(3);
    expect(args.options.get('layers')).toEqual([4, 5]);
    expect(args.options.get('kind')).toBe('b');
    expect(args.options.get('json')).toBe(true);
  });

  it('reads --no-flag as false', () => {
    expect(parseArgs(spec, ['f', '--no-json']).options.get('json')).toBe(false);
  });

  it('skips positional checks for --help', () => {
    expect(parseArgs(spec, ['--help']).help).toBe(true);
  });

  it.each([
    [['f', '--nope'], '--nope is not an option'],
    [['f', '--lr'], '--lr must be followed by a value'],
    [['f', '--lr', 'abc'], '--lr must be a number above 0 (got "abc")'],
    [['f', '--lr', '0'], '--lr must be a number above 0 (got "0")'],
    [['f', '--share', '1'], '--share must be a number in [0, 1) (got "1")'],
    [['f', '--epochs', '2.5'], '--epochs must be an integer of at least 1 (got "2.5")'],
    [['f', '--epochs', '0'], '--epochs must be an integer of at least 1 (got "0")'],
    [['f', '--layers', '4,,5'], '--layers must be a comma-separated list of integers'],
    [['f', '--kind', 'c'], '--kind must be one of a, b (got "c")'],
    [['f', '--json=yes'], '--json must have no value'],
    [['f', '--epochs', '1', '--epochs', '2'], '--epochs must be given at most once'],
    [[], 'the FILE argument is missing'],
    [['f', 'g'], '"g" is an unexpected argument'],
  ])('rejects %j', (argv, expected) => {
    const message = usageMessage(argv);
    expect(message).toContain(expected);
    expect(message.startsWith('puregrad demo: ')).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('round-trips any positive integer list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 6 }),
        (sizes) => {
          const args = parseArgs(spec, ['f', '--layers', sizes.join(',')]);
          expect(args.options.get('layers')).toEqual(sizes);
        },
      ),
    );
  });

  it('accepts exactly the numbers in [0, 1)', () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), (share) => {
        const inside = share >= 0 && share < 1;
        const parse = () => parseArgs(spec, ['f', `--share=${share}`]);
        // The flag carries the number's text, which writes -0 as 0.
        if (inside) expect(parse().options.get('share')).toBe(Number(`${share}`));
        else expect(parse).toThrow(CliError);
      }),
    );
  });
});

describe('renderHelp', () => {
  const help = renderHelp(spec);

  it('lists every visible option with unit and default', () => {
    expect(help).toContain('Usage: puregrad demo FILE [options]');
    expect(help).toContain('--lr X');
    expect(help).toContain('Default: 0.001.');
    expect(help).toContain('Unit: fraction.');
    expect(help).toContain('--kind a|b');
    expect(help).toContain('--help');
  });

  it('leaves out hidden options', () => {
    expect(help).not.toContain('--secret');
  });
});
