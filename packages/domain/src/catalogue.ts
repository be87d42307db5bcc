// The indicator catalogue of DESIGN.md as data: adding an indicator is adding one entry here.
import type { PillarCode } from './pillars';

export type Unit = 'percent' | 'bool' | 'count' | 'ordinal' | 'ratio' | 'rupiah';

/** How a raw value becomes a score in 0–100. */
export type ScoreRule =
  | { kind: 'target'; target: number } // min(100, 100·x/T)
  | { kind: 'identity' } // the value itself (already 0–100)
  | { kind: 'boolean' } // false → 0, true → 100
  | { kind: 'ordinal'; max: number } // 100·x/max
  | { kind: 'log'; target: number }; // min(100, 100·log10(1+x)/log10(1+T))

export interface Indicator {
  code: string;
  pillar: PillarCode;
  label: { id: string; en: string };
  unit: Unit;
  /** Valid range for numeric units; booleans have none. */
  range: { min: number; max: number } | null;
  wholeNumber: boolean;
  score: ScoreRule;
}

const percent = { min: 0, max: 100 };

export const INDICATORS = [
  {
    code: 'people_digital_literacy_pct',
    pillar: 'people',
    label: {
      en: 'Adults trained in digital literacy',
      id: 'Warga terlatih literasi digital',
    },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'target', target: 25 },
  },
  {
    code: 'people_rkdd_active',
    pillar: 'people',
    label: { en: 'Digital community room active this month', id: 'RKDD aktif' },
    unit: 'bool',
    range: null,
    wholeNumber: false,
    score: { kind: 'boolean' },
  },
  {
    code: 'people_training_sessions',
    pillar: 'people',
    label: { en: 'Training sessions held this month', id: 'Sesi pelatihan' },
    unit: 'count',
    range: { min: 0, max: 100 },
    wholeNumber: true,
    score: { kind: 'target', target: 2 },
  },
  {
    code: 'people_inclusive_share_pct',
    pillar: 'people',
    label: {
      en: 'Participants who are women, disabled or marginalised',
      id: 'Partisipasi inklusif',
    },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'target', target: 50 },
  },
  {
    code: 'gov_website_status',
    pillar: 'government',
    label: {
      en: 'Village website (0 none, 1 exists, 2 updated within 30 days)',
      id: 'Status website desa',
    },
    unit: 'ordinal',
    range: { min: 0, max: 2 },
    wholeNumber: true,
    score: { kind: 'ordinal', max: 2 },
  },
  {
    code: 'gov_online_letters_pct',
    pillar: 'government',
    label: { en: 'Administrative letters issued online', id: 'Surat layanan daring' },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'identity' },
  },
  {
    code: 'gov_apbdes_published',
    pillar: 'government',
    label: {
      en: 'Village budget and its realisation published online',
      id: 'APBDes dipublikasi',
    },
    unit: 'bool',
    range: null,
    wholeNumber: false,
    score: { kind: 'boolean' },
  },
  {
    code: 'gov_digital_budget_pct',
    pillar: 'government',
    label: { en: 'Share of village budget spent on digital', id: 'Porsi APBDes untuk digital' },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'target', target: 3 },
  },
  {
    code: 'econ_umkm_online_pct',
    pillar: 'economy',
    label: { en: 'Small businesses selling online', id: 'UMKM jual daring' },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'identity' },
  },
  {
    code: 'econ_bumdes_digital_level',
    pillar: 'economy',
    label: {
      en: 'Village enterprise (0 none, 1 social media, 2 marketplace, 3 own site/app)',
      id: 'Tingkat digital BUMDes',
    },
    unit: 'ordinal',
    range: { min: 0, max: 3 },
    wholeNumber: true,
    score: { kind: 'ordinal', max: 3 },
  },
  {
    code: 'econ_qris_per100_umkm',
    pillar: 'economy',
    label: { en: 'QRIS merchants per 100 small businesses', id: 'Pedagang ber-QRIS' },
    unit: 'ratio',
    range: { min: 0, max: 100 },
    wholeNumber: false,
    score: { kind: 'identity' },
  },
  {
    code: 'econ_online_sales_idr',
    pillar: 'economy',
    label: { en: 'Online sales of village products this month', id: 'Omzet daring' },
    unit: 'rupiah',
    range: { min: 0, max: 1e13 },
    wholeNumber: false,
    score: { kind: 'log', target: 50_000_000 },
  },
  {
    code: 'env_waste_service_pct',
    pillar: 'environment',
    label: { en: 'Households served by waste service', id: 'KK terlayani sampah' },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'identity' },
  },
  {
    code: 'env_early_warning',
    pillar: 'environment',
    label: { en: 'Digital disaster early-warning in place', id: 'EWS bencana' },
    unit: 'bool',
    range: null,
    wholeNumber: false,
    score: { kind: 'boolean' },
  },
  {
    code: 'env_offgrid_units',
    pillar: 'environment',
    label: {
      en: 'Off-grid power units (solar, micro-hydro, biogas)',
      id: 'Unit listrik alternatif',
    },
    unit: 'count',
    range: { min: 0, max: 10_000 },
    wholeNumber: true,
    score: { kind: 'target', target: 3 },
  },
  {
    code: 'env_reports_closed_pct',
    pillar: 'environment',
    label: {
      en: 'Environmental complaints acted on',
      id: 'Laporan lingkungan ditindaklanjuti',
    },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'identity' },
  },
  {
    code: 'living_bpjs_coverage_pct',
    pillar: 'living',
    label: { en: 'National health insurance coverage', id: 'Kepesertaan BPJS' },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'target', target: 75 },
  },
  {
    code: 'living_posyandu_digital_pct',
    pillar: 'living',
    label: { en: 'Health posts recording digitally', id: 'Posyandu tercatat digital' },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'identity' },
  },
  {
    code: 'living_security_monitoring',
    pillar: 'living',
    label: { en: 'CCTV or digital security monitoring', id: 'Pemantauan keamanan' },
    unit: 'bool',
    range: null,
    wholeNumber: false,
    score: { kind: 'boolean' },
  },
  {
    code: 'living_telehealth_elearning',
    pillar: 'living',
    label: {
      en: 'Telehealth or e-learning access point',
      id: 'Akses telemedis/e-learning',
    },
    unit: 'bool',
    range: null,
    wholeNumber: false,
    score: { kind: 'boolean' },
  },
  {
    code: 'mob_signal_level',
    pillar: 'mobility',
    label: { en: 'Best mobile signal (0 none, 1 2G, 2 3G, 3 4G+)', id: 'Sinyal terbaik' },
    unit: 'ordinal',
    range: { min: 0, max: 3 },
    wholeNumber: true,
    score: { kind: 'ordinal', max: 3 },
  },
  {
    code: 'mob_household_internet_pct',
    pillar: 'mobility',
    label: { en: 'Households with internet', id: 'KK akses internet' },
    unit: 'percent',
    range: percent,
    wholeNumber: false,
    score: { kind: 'identity' },
  },
  {
    code: 'mob_public_wifi_points',
    pillar: 'mobility',
    label: { en: 'Public Wi-Fi points', id: 'Titik Wi-Fi publik' },
    unit: 'count',
    range: { min: 0, max: 10_000 },
    wholeNumber: true,
    score: { kind: 'target', target: 3 },
  },
  {
    code: 'mob_online_transport',
    pillar: 'mobility',
    label: { en: 'Online village transport (ojek desa)', id: 'Ojek desa daring' },
    unit: 'bool',
    range: null,
    wholeNumber: false,
    score: { kind: 'boolean' },
  },
] as const satisfies readonly Indicator[];

export type IndicatorCode = (typeof INDICATORS)[number]['code'];

export const INDICATOR_CODES: readonly IndicatorCode[] = INDICATORS.map((i) => i.code);

const byCode: ReadonlyMap<string, Indicator> = new Map(INDICATORS.map((i) => [i.code, i]));

export function findIndicator(code: string): Indicator | undefined {
  return byCode.get(code);
}

export function isIndicatorCode(code: string): code is IndicatorCode {
  return byCode.has(code);
}
