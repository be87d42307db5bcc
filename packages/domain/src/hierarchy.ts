// Administrative levels, Kemendagri code shapes and the programme regions (a province mapping).

export const LEVELS = ['region', 'province', 'regency', 'district', 'village'] as const;
export type Level = (typeof LEVELS)[number];

/** The administrative levels, top-down; `region` is a grouping of provinces beside them. */
export const ADMIN_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { id: string; en: string }> = {
  region: { id: 'Regional', en: 'Region' },
  province: { id: 'Provinsi', en: 'Province' },
  regency: { id: 'Kabupaten/Kota', en: 'Regency/City' },
  district: { id: 'Kecamatan', en: 'District' },
  village: { id: 'Desa/Kelurahan', en: 'Village' },
};

/** Code of the whole country, used where an area code is needed for the national total. */
export const COUNTRY_CODE = 'ID';

export interface Region {
  code: string;
  name: string;
  /** What people write for the region besides its code and name, lower case (a roster's cell). */
  spellings: readonly string[];
  provinces: readonly string[];
}

/** Programme regions (the 2023 cadre cohorts); edit this mapping to regroup provinces. */
export const REGIONS: readonly Region[] = [
  {
    code: 'JKT',
    name: 'Region Jakarta',
    spellings: ['jakarta'],
    // Sumatra (11–21), DKI Jakarta, Jawa Barat, Banten, Kalimantan Barat
    provinces: ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '36', '61'],
  },
  {
    code: 'SBY',
    name: 'Region Surabaya',
    spellings: ['surabaya'],
    // Jawa Tengah, DI Yogyakarta, Jawa Timur, Bali and Nusa Tenggara, Kalimantan Tengah–Utara
    provinces: ['33', '34', '35', '51', '52', '53', '62', '63', '64', '65'],
  },
  {
    code: 'MKS',
    name: 'Region Makassar',
    spellings: ['makassar', 'makasar'],
    // Sulawesi (71–76), Maluku (81–82), Papua (91–96)
    provinces: ['71', '72', '73', '74', '75', '76', '81', '82', '91', '92', '93', '94', '95', '96'],
  },
];

const regionByProvince = new Map(REGIONS.flatMap((r) => r.provinces.map((p) => [p, r.code])));

/** Any case, spaces, dashes or underscores between words; a leading region/regional/wilayah. */
function regionKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/^(?:region|regional|wilayah)\s+/, '');
}

const regionBySpelling = new Map(
  REGIONS.flatMap((r) =>
    [r.code, r.name, ...r.spellings].map((spelling) => [regionKey(spelling), r.code]),
  ),
);

/** The region code a person meant (`JKT`, `jakarta`, `Region Jakarta`, `Makasar` …), if any. */
export function regionCodeOf(text: string): string | undefined {
  return regionBySpelling.get(regionKey(text));
}

export function regionOfProvince(provinceCode: string): string | undefined {
  return regionByProvince.get(provinceCode);
}

/**
 * The code of the area of `level` (above villages) that holds kecamatan `district`: a prefix of
 * its code, or its province's region; null for a province in no region.
 */
export function districtHolder(level: Exclude<Level, 'village'>, district: string): string | null {
  switch (level) {
    case 'district':
      return district;
    case 'regency':
      return district.slice(0, 5);
    case 'province':
      return district.slice(0, 2);
    case 'region':
      return regionOfProvince(district.slice(0, 2)) ?? null;
  }
}

const CODE_PATTERNS: Record<Level, RegExp> = {
  region: /^[A-Z]{3}$/,
  province: /^\d{2}$/,
  regency: /^\d{2}\.\d{2}$/,
  district: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};

/** The level a code's shape belongs to (`15.02` → regency), or null for a malformed code. */
export function levelOfCode(code: string): Level | null {
  for (const level of LEVELS) if (CODE_PATTERNS[level].test(code)) return level;
  return null;
}

export function isAreaCode(code: string): boolean {
  return levelOfCode(code) !== null;
}

/** The administrative parent of a code (`15.02.02` → `15.02`); null for provinces and regions. */
export function adminParentCode(code: string): string | null {
  const level = levelOfCode(code);
  if (level === null || level === 'region' || level === 'province') return null;
  return code.slice(0, code.lastIndexOf('.'));
}
