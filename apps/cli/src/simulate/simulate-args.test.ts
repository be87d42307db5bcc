import { describe, expect, it } from 'vitest';
import { UsageError } from '../run-cli';
import { parseCommand } from './simulate-args';

describe('parseCommand', () => {
  it('fills in the defaults of a file command and infers CSV', () => {
    expect(parseCommand(['file', '--out', 'reports.csv'])).toEqual({
      name: 'file',
      out: 'reports.csv',
      format: 'csv',
      from: '2023-01',
      to: '2024-12',
      booleans: 'true-false',
      villages: 3_000,
      seed: 42,
      invalidRate: 0.01,
      correctionRate: 0.01,
    });
  });

  it('infers NDJSON from the extension and reads every file option', () => {
    expect(
      parseCommand([
        'file',
        '--out',
        'r.ndjson',
        '--villages',
        'all',
        '--from',
        '2023-06',
        '--to',
        '2025-05',
        '--seed',
        '7',
        '--invalid-rate',
        '0',
        '--correction-rate',
        '0.05',
        '--roster',
        'roster.csv',
      ]),
    ).toMatchObject({
      format: 'ndjson',
      villages: 'all',
      from: '2023-06',
      to: '2025-05',
      seed: 7,
      invalidRate: 0,
      correctionRate: 0.05,
      roster: 'roster.csv',
    });
  });

  it('reads a live command with live defaults', () => {
    expect(parseCommand(['live', '--rate', '5', '--target', 'api', '--duration', '30'])).toEqual({
      name: 'live',
      rate: 5,
      target: 'api',
      durationSeconds: 30,
      villages: 3_000,
      seed: 42,
      invalidRate: 0,
      correctionRate: 0.01,
    });
  });

  it('shows help without a command or with --help', () => {
    expect(parseCommand([])).toEqual({ name: 'help' });
    expect(parseCommand(['file', '--help'])).toEqual({ name: 'help' });
  });

  it.each([
    [['file'], /--out/],
    [['file', '--out', 'x.csv', '--format', 'xml'], /--format must be one of csv, ndjson/],
    [['file', '--out', 'x.csv', '--villages', '10'], /--villages must be a whole number from 51/],
    [['file', '--out', 'x.csv', '--from', '2023-13'], /--from must be a period/],
    [['file', '--out', 'x.csv', '--from', '2024-01', '--to', '2023-01'], /is after --to/],
    [
      ['file', '--out', 'x.csv', '--invalid-rate', '0.5'],
      /--invalid-rate must be a number from 0 to 0.1/,
    ],
    [['file', '--out', 'x.csv', '--seed', 'abc'], /--seed must be a whole number/],
    [['file', '--out', 'x.csv', '--rate', '5'], /--rate does not apply to "file"/],
    [['live', '--target', 'api'], /--rate/],
    [['live', '--rate', '5'], /--target/],
    [['live', '--rate', '0', '--target', 'queue'], /--rate must be a number above 0/],
    [['live', '--rate', '5', '--target', 'kafka'], /--target must be one of api, queue/],
    [['live', '--rate', '5', '--target', 'api', '--api-url', 'not a url'], /--api-url/],
    [['file', '--out', 'x.csv', '--bogus'], /bogus/],
    [['export'], /unknown command "export"/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe('--mistake-rate', () => {
  it('is taken only when given, up to its maximum', () => {
    expect(parseCommand(['file', '--out', 'r.csv', '--mistake-rate', '0.01'])).toMatchObject({
      mistakeRate: 0.01,
    });
    expect(parseCommand(['file', '--out', 'r.csv'])).not.toHaveProperty('mistakeRate');
    expect(() => parseCommand(['file', '--out', 'r.csv', '--mistake-rate', '0.5'])).toThrow(
      UsageError,
    );
  });
});
