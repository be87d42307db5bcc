// The six Desa Cerdas pillars, in the order every view shows them.

export const PILLAR_CODES = [
  'people',
  'government',
  'economy',
  'environment',
  'living',
  'mobility',
] as const;

export type PillarCode = (typeof PILLAR_CODES)[number];

export interface Pillar {
  code: PillarCode;
  label: { id: string; en: string };
}

export const PILLARS: readonly Pillar[] = [
  { code: 'people', label: { id: 'Warga Cerdas', en: 'Smart People' } },
  { code: 'government', label: { id: 'Pemerintahan Cerdas', en: 'Smart Government' } },
  { code: 'economy', label: { id: 'Ekonomi Cerdas', en: 'Smart Economy' } },
  { code: 'environment', label: { id: 'Lingkungan Cerdas', en: 'Smart Environment' } },
  { code: 'living', label: { id: 'Kehidupan Cerdas', en: 'Smart Living' } },
  { code: 'mobility', label: { id: 'Mobilitas Cerdas', en: 'Smart Mobility' } },
];

export function isPillarCode(value: string): value is PillarCode {
  return (PILLAR_CODES as readonly string[]).includes(value);
}
