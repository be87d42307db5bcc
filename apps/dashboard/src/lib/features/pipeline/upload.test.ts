import { describe, expect, it } from 'vitest';
import { contentTypeOf, importUrl, isFinished } from './upload';

describe('contentTypeOf', () => {
  it('reads CSV, NDJSON and XLSX from the file name', () => {
    expect(contentTypeOf('laporan-maret.CSV')).toBe('text/csv');
    expect(contentTypeOf('reports.ndjson')).toBe('application/x-ndjson');
    expect(contentTypeOf('reports.jsonl')).toBe('application/x-ndjson');
    expect(contentTypeOf('Laporan Mei.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(contentTypeOf('laporan.xls')).toBeNull();
  });
});

describe('importUrl', () => {
  it('names the file and says whether it is a dry run', () => {
    expect(importUrl('maret 2024.csv', true)).toBe(
      '/api/v1/imports?filename=maret+2024.csv&dry_run=true',
    );
  });
});

describe('isFinished', () => {
  it('is over once completed or failed', () => {
    expect(isFinished('running')).toBe(false);
    expect(isFinished('completed')).toBe(true);
    expect(isFinished('failed')).toBe(true);
  });
});
