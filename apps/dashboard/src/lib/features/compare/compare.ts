// Which areas a comparison holds (from the URL) and how to ask the API about them.
import { isAreaCode, levelOfCode, type Level } from '@pantau/domain';
import type { Comparison } from '$lib/api/endpoints';
import { childLevelOf } from '$lib/view/view-state';

export const AREAS_PARAM = 'areas';
/**
 * "All areas directly below …" (e.g. every kabupaten/kota of a province): the API answers it
 * in one request, and the URL stays short and follows the hierarchy.
 */
export const CHILDREN_OF_PARAM = 'of';
/** The API compares at most this many listed areas per request. */
export const API_MAX_COMPARE = 6;
/**
 * Most areas a comparison holds: what the API gives for `of` (every kabupaten/kota of the
 * largest province, Jawa Timur with 38, fits); more would not be readable.
 */
export const MAX_AREAS = 60;
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

/** The parent of an "all areas below" comparison and the level of its areas, if the URL asks. */
export function childrenOf(value: string | null): { parent: string; level: Level } | null {
  const level = value ? levelOfCode(value) : null;
  const below = level ? childLevelOf(level) : null;
  return value && below ? { parent: value, level: below } : null;
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
