import { describe, expect, it } from 'vitest';
import { placeOf } from './area-place';

describe('placeOf', () => {
  it('names the ancestors nearest first', () => {
    const mentawak = {
      ancestors: [{ name: 'Jambi' }, { name: 'Kabupaten Merangin' }, { name: 'Nalo Tantan' }],
    };
    expect(placeOf(mentawak)).toBe('Nalo Tantan, Kabupaten Merangin, Jambi');
  });

  it('says nothing for an area without ancestors', () => {
    expect(placeOf({ ancestors: [] })).toBe('');
  });
});
