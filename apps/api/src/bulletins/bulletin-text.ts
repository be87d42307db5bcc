// The words and number formats of a bulletin, in Indonesian and English.
import {
  LEVEL_LABELS,
  PILLARS,
  STAGES,
  type Level,
  type PillarCode,
  type Stage,
} from '@pantau/domain';

export const BULLETIN_LANGS = ['id', 'en'] as const;
export type BulletinLang = (typeof BULLETIN_LANGS)[number];

const WORDS = {
  id: {
    title: 'Buletin Bulanan Desa Cerdas',
    dci: 'Indeks Desa Cerdas (IDC)',
    dciShort: 'IDC',
    change: 'Perubahan dari bulan lalu',
    reporting: 'Desa melapor',
    onTime: 'Tepat waktu',
    of: 'dari',
    pillars: 'Skor per pilar',
    trend: 'Tren IDC 12 bulan',
    leaderboard: 'Peringkat',
    rank: '#',
    name: 'Nama',
    stage: 'Tahap',
    rate: 'Pelaporan',
    missing: 'Desa yang belum melapor',
    missingNone: 'Semua desa yang diharapkan sudah melapor.',
    missingShown: 'Ditampilkan {shown} dari {total}.',
    district: 'Kecamatan',
    code: 'Kode',
    generated: 'Dibuat',
    source: 'Sumber: Pantau Desa Cerdas, laporan Kader Digital. Skor 0–100.',
    noData: 'Belum ada laporan',
  },
  en: {
    title: 'Smart Village Monthly Bulletin',
    dci: 'Smart Village Index (DCI)',
    dciShort: 'DCI',
    change: 'Change from last month',
    reporting: 'Villages reporting',
    onTime: 'On time',
    of: 'of',
    pillars: 'Scores by pillar',
    trend: 'DCI trend, 12 months',
    leaderboard: 'Ranking',
    rank: '#',
    name: 'Name',
    stage: 'Stage',
    rate: 'Reporting',
    missing: 'Villages that have not reported',
    missingNone: 'Every expected village has reported.',
    missingShown: 'Showing {shown} of {total}.',
    district: 'District',
    code: 'Code',
    generated: 'Generated',
    source: 'Source: Pantau Desa Cerdas, Digital Cadre reports. Scores 0–100.',
    noData: 'No reports yet',
  },
} as const;

export type BulletinWord = keyof (typeof WORDS)['id'];

/** A month's full name; the locale's own (Intl), as the numbers below are. */
function monthNames(locale: string): string[] {
  const name = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => name.format(Date.UTC(2000, month, 1)));
}

const NONE = '—';

/** The texts and formats of one language, bound once. */
export function bulletinText(lang: BulletinLang) {
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const oneDecimal = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const months = monthNames(locale);
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const pillarLabel = (code: PillarCode) => PILLARS.find((p) => p.code === code)!.label[lang];
  return {
    lang,
    word: (key: BulletinWord) => WORDS[lang][key],
    level: (level: Level) => LEVEL_LABELS[level][lang],
    pillar: pillarLabel,
    /** "Warga" / "People": the pillar's name without the programme's word for smart. */
    pillarShort(code: PillarCode) {
      const label = pillarLabel(code);
      return lang === 'id' ? label.replace(/\s+Cerdas$/, '') : label.replace(/^Smart\s+/, '');
    },
    stage: (stage: Stage | null) => (stage === null ? NONE : STAGES[stage].label[lang]),
    /** "Mei 2024" / "May 2024"; short: "Mei 24". */
    month(period: string, short = false) {
      const [year = '', month = '1'] = period.split('-');
      const name = months[Number(month) - 1] ?? period;
      return short ? `${name.slice(0, 3)} ${year.slice(2)}` : `${name} ${year}`;
    },
    score: (value: number | null) =>
      value === null ? NONE : oneDecimal.format(value).replace('-', '−'),
    count: (value: number) => whole.format(value),
    rate: (value: number | null) => (value === null ? NONE : percent.format(value)),
    delta(value: number | null) {
      if (value === null) return NONE;
      const rounded = Math.round(value * 10) / 10;
      const text = oneDecimal.format(Math.abs(rounded));
      return rounded === 0 ? `±${text}` : `${rounded > 0 ? '+' : '−'}${text}`;
    },
  };
}

export type BulletinText = ReturnType<typeof bulletinText>;
