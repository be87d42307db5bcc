// Which villages take part in a simulation: a seeded, province-weighted sample of the real hierarchy.
import { REGIONS, regionOfProvince } from '@pantau/domain';
import { readHierarchyRows } from '@pantau/warehouse/hierarchy-source';
import { hashString, mixSeeds, Random, seedKey } from './prng';

export interface EnrolledVillage {
  code: string;
  name: string;
  districtCode: string;
  regencyCode: string;
  provinceCode: string;
  /** Programme region (cadre cohort): JKT, SBY or MKS. */
  region: string;
}

/** The 14 Merangin villages named in the programme's 2023 news: always enrolled. */
export const MERANGIN_VILLAGE_CODES = [
  '15.02.02.2004', // Kungkai
  '15.02.03.2024', // Pasar Muara Siau
  '15.02.24.2003', // Beringin Sanggul
  '15.02.24.2002', // Sekancing Ilir
  '15.02.02.2024', // Sungai Kapas
  '15.02.20.2001', // Tambang Emas
  '15.02.19.2003', // Rasau
  '15.02.13.2006', // Mampun Baru
  '15.02.06.2012', // Pauh Menang
  '15.02.06.2026', // Sungai Udang
  '15.02.11.2006', // Mentawak
  '15.02.22.2002', // Sido Lego
  '15.02.08.2003', // Muara Delang
  '15.02.08.2002', // Bungo Antoi
] as const;

export const MERANGIN_REGENCY_CODE = '15.02';
export const JAMBI_PROVINCE_CODE = '15';

/** Villages in the whole hierarchy (idn-area-data). */
export const ALL_VILLAGES_COUNT = 83_763;
export const DEFAULT_ENROLMENT = 3_000;
/** The Merangin villages plus one village in each other province. */
export const MIN_ENROLMENT =
  MERANGIN_VILLAGE_CODES.length + REGIONS.reduce((n, r) => n + r.provinces.length, 0) - 1;

/**
 * Extra shares of `count` given to Kabupaten Merangin and the rest of Jambi, beyond their weight by
 * village count, so that drilling down where the programme's story happens shows plenty of data.
 */
const MERANGIN_EXTRA_SHARE = 0.02;
const JAMBI_EXTRA_SHARE = 0.02;

const ENROLMENT_SALT = hashString('enrolment');

export type EnrolmentSize = number | 'all';

export interface EnrolOptions {
  seed: number;
  /** Villages to enrol (default 3,000), or 'all' 83,763. */
  count?: EnrolmentSize;
}

let hierarchyCache: readonly EnrolledVillage[] | null = null;

/** Every village of the hierarchy, sorted by code (read once per process). */
export function allVillages(): readonly EnrolledVillage[] {
  if (hierarchyCache) return hierarchyCache;
  const villages = readHierarchyRows('villages').map(([code = '', districtCode = '', ...name]) => {
    const provinceCode = code.slice(0, 2);
    const region = regionOfProvince(provinceCode);
    if (!region)
      throw new Error(`province ${provinceCode} of village ${code} has no programme region`);
    return {
      code,
      // Names are not quoted in the source file, so a name with a comma spans several cells.
      name: name.join(','),
      districtCode,
      regencyCode: code.slice(0, 5),
      provinceCode,
      region,
    };
  });
  villages.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  hierarchyCache = villages;
  return villages;
}

/** A group of villages sampled together: `take` of its `pool`. */
interface Bucket {
  pool: EnrolledVillage[];
  take: number;
}

/** Splits `budget` over buckets in proportion to their spare villages (largest remainder). */
function distribute(buckets: Bucket[], budget: number): void {
  const spare = buckets.map((b) => b.pool.length - b.take);
  const totalSpare = spare.reduce((sum, n) => sum + n, 0);
  if (budget > totalSpare) throw new RangeError('not enough villages to enrol');
  if (budget === 0) return;
  const exact = spare.map((n) => (n * budget) / totalSpare);
  let given = 0;
  buckets.forEach((bucket, i) => {
    const whole = Math.floor(exact[i] ?? 0);
    bucket.take += whole;
    given += whole;
  });
  const byRemainder = exact
    .map((value, i) => ({ i, remainder: value - Math.floor(value) }))
    .sort((x, y) => y.remainder - x.remainder || x.i - y.i);
  for (const { i } of byRemainder.slice(0, budget - given)) (buckets[i] as Bucket).take += 1;
}

/** `take` villages of `pool` without replacement (partial Fisher–Yates). */
function sample(pool: EnrolledVillage[], take: number, random: Random): EnrolledVillage[] {
  const copy = [...pool];
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random.next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as EnrolledVillage, copy[i] as EnrolledVillage];
  }
  return copy.slice(0, take);
}

/**
 * Chooses the enrolled villages: the 14 Merangin villages, extra villages of Merangin and Jambi,
 * at least one village in every province, the rest spread by village count. Sorted by code.
 */
export function enrolVillages({
  seed,
  count = DEFAULT_ENROLMENT,
}: EnrolOptions): EnrolledVillage[] {
  const villages = allVillages();
  if (count === 'all' || count === villages.length) return [...villages];
  const fixedCodes = new Set<string>(MERANGIN_VILLAGE_CODES);
  const provinces = [...new Set(villages.map((v) => v.provinceCode))];
  const otherProvinces = provinces.filter((p) => p !== JAMBI_PROVINCE_CODE);
  if (!Number.isInteger(count) || count < MIN_ENROLMENT || count > villages.length) {
    throw new RangeError(
      `count must be 'all' or a whole number from ${MIN_ENROLMENT} to ${villages.length}, got ${count}`,
    );
  }

  const fixed = villages.filter((v) => fixedCodes.has(v.code));
  const rest = villages.filter((v) => !fixedCodes.has(v.code));
  let budget = count - fixed.length - otherProvinces.length;
  const meranginPool = rest.filter((v) => v.regencyCode === MERANGIN_REGENCY_CODE);
  const jambiPool = rest.filter(
    (v) => v.provinceCode === JAMBI_PROVINCE_CODE && v.regencyCode !== MERANGIN_REGENCY_CODE,
  );
  const merangin: Bucket = {
    pool: meranginPool,
    take: Math.min(meranginPool.length, Math.round(count * MERANGIN_EXTRA_SHARE), budget),
  };
  budget -= merangin.take;
  const jambi: Bucket = {
    pool: jambiPool,
    take: Math.min(jambiPool.length, Math.round(count * JAMBI_EXTRA_SHARE), budget),
  };
  budget -= jambi.take;
  const byProvince = new Map<string, EnrolledVillage[]>();
  for (const village of rest) {
    const pool = byProvince.get(village.provinceCode) ?? [];
    pool.push(village);
    byProvince.set(village.provinceCode, pool);
  }
  const others: Bucket[] = otherProvinces.map((province) => ({
    pool: byProvince.get(province) ?? [],
    take: 1, // every province gets some
  }));
  const buckets = [merangin, jambi, ...others];
  distribute(buckets, budget);

  const random = new Random(mixSeeds(seedKey(seed), ENROLMENT_SALT));
  const chosen = [...fixed, ...buckets.flatMap((b) => sample(b.pool, b.take, random))];
  return chosen.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
