// The cadre roster: one digital cadre per enrolled village, with a plausible name and an active flag.
import type { Writable } from 'node:stream';
import { csvLine } from './csv-format';
import type { EnrolledVillage } from './enrolment';
import { hashString, mixSeeds, Random, seedKey } from './prng';
import { writeLines, type WriteSummary } from './write-lines';

export interface Cadre {
  cadre_id: string;
  name: string;
  village_code: string;
  region: string;
  active: boolean;
}

export const ROSTER_COLUMNS = ['cadre_id', 'name', 'village_code', 'region', 'active'] as const;

/** Share of cadres still active; the others' villages report only now and then. */
export const ACTIVE_CADRE_SHARE = 0.97;

const CADRE_SALT = hashString('cadre');

const FIRST_NAMES = [
  'Agus',
  'Andi',
  'Ayu',
  'Budi',
  'Dewi',
  'Dian',
  'Eka',
  'Fajar',
  'Fitri',
  'Hendra',
  'Ika',
  'Intan',
  'Joko',
  'Kadek',
  'Komang',
  'Lestari',
  'Made',
  'Maria',
  'Muhammad',
  'Nur',
  'Nyoman',
  'Putri',
  'Rahmat',
  'Rina',
  'Rizky',
  'Siti',
  'Sri',
  'Teguh',
  'Wahyu',
  'Wayan',
  'Yohanes',
  'Yosef',
  'Yusuf',
  'Zainal',
] as const;

const LAST_NAMES = [
  'Anwar',
  'Fauzi',
  'Gunawan',
  'Halim',
  'Harahap',
  'Hidayat',
  'Kogoya',
  'Kurniawan',
  'Lubis',
  'Mandagi',
  'Manurung',
  'Nasution',
  'Pratama',
  'Purba',
  'Ramadhan',
  'Rumbiak',
  'Santoso',
  'Saputra',
  'Setiawan',
  'Simanjuntak',
  'Sinaga',
  'Siregar',
  'Syahputra',
  'Tanjung',
  'Wenda',
  'Wijaya',
  'Wulandari',
  'Yunus',
] as const;

export function cadreIdOf(villageCode: string): string {
  return `KD-${villageCode}`;
}

/** The cadre of a village: depends only on the seed and the village, not on who else is enrolled. */
export function cadreOf(seed: number, village: EnrolledVillage): Cadre {
  const random = new Random(mixSeeds(seedKey(seed), CADRE_SALT, hashString(village.code)));
  return {
    cadre_id: cadreIdOf(village.code),
    name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    village_code: village.code,
    region: village.region,
    active: random.chance(ACTIVE_CADRE_SHARE),
  };
}

export function generateRoster({
  seed,
  villages,
}: {
  seed: number;
  villages: readonly EnrolledVillage[];
}): Cadre[] {
  return villages.map((village) => cadreOf(seed, village));
}

function rosterLine(cadre: Cadre): string {
  return csvLine([
    cadre.cadre_id,
    cadre.name,
    cadre.village_code,
    cadre.region,
    String(cadre.active),
  ]);
}

/** Writes the roster as CSV (`cadre_id,name,village_code,region,active`); the caller ends the stream. */
export function writeRosterCsv(cadres: Iterable<Cadre>, stream: Writable): Promise<WriteSummary> {
  return writeLines(cadres, rosterLine, stream, { header: csvLine(ROSTER_COLUMNS) });
}
