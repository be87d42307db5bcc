// Which areas a comparison holds (from the URL) and how to ask the API about more than six.
import { isAreaCode } from '@pantau/domain';
import type { Comparison } from '$lib/api/endpoints';

export const AREAS_PARAM = 'areas';
/** "All kabupaten of province …": the load turns it into the list of codes. */
export const PROVINCE_PARAM = 'of';
/** The API compares at most this many areas per request. */
export const API_MAX_COMPARE = 6;
/** A province has at most 42 kabupaten/kota (Jawa Timur has 38); more would not be readable. */
export const MAX_AREAS = 45;
/** The radar stays readable with this many outlines. */
export const RADAR_MAX = 6;

/** Area codes in the URL, valid and each once, in the order given. */
export function parseAreas(value: string | null): string[] {
  if (!value) return [];
  const codes = value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => isAreaCode(code));
  return [...new Set(codes)].slice(0, MAX_AREAS);
}

/** Splits codes into requests of 2–`max` areas each (the API needs at least two). */
export function chunkAreas(codes: readonly string[], max = API_MAX_COMPARE): string[][] {
  if (codes.length <= max) return [[...codes]];
  const chunks = Math.ceil(codes.length / max);
  const base = Math.floor(codes.length / chunks);
  const extra = codes.length % chunks;
  const result: string[][] = [];
  let start = 0;
  for (let i = 0; i < chunks; i++) {
    const size = base + (i < extra ? 1 : 0);
    result.push(codes.slice(start, start + size));
    start += size;
  }
  return result;
}

/** One comparison from the answers to several requests for the same period. */
export function mergeComparisons(parts: readonly Comparison[]): Comparison | null {
  const [first] = parts;
  if (!first) return null;
  return { ...first, areas: parts.flatMap((p) => p.areas) };
}

export function withoutArea(codes: readonly string[], code: string): string[] {
  return codes.filter((c) => c !== code);
}

export function withArea(codes: readonly string[], code: string): string[] {
  return codes.includes(code) ? [...codes] : [...codes, code].slice(0, MAX_AREAS);
}
