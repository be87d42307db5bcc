// What each column of an export is, for a workbook: its header in the reader's language, the kind
// of cell it holds and how wide it is shown. Indicator and pillar names come from the catalogue.
import { INDICATORS, PILLARS, type Indicator } from '@pantau/domain';

export const EXPORT_LANGS = ['id', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/**
 * score: a 0–100 score or a decimal value, one decimal shown, full precision kept; whole: a whole
 * number; rupiah: whole rupiah with thousands grouping; bool: a TRUE/FALSE cell; text: as is.
 */
export type CellKind = 'score' | 'whole' | 'rupiah' | 'bool' | 'text';

export interface ExportColumn {
  key: string;
  header: string;
  kind: CellKind;
  width: number;
}

type Label = Record<ExportLang, string>;

/** The columns that are not indicators or pillars, with their kind and shown width. */
const FIXED: Record<string, { label: Label; kind: CellKind; width: number }> = {
  code: { label: { id: 'Kode', en: 'Code' }, kind: 'text', width: 16 },
  name: { label: { id: 'Nama wilayah', en: 'Area name' }, kind: 'text', width: 28 },
  level: { label: { id: 'Tingkat', en: 'Level' }, kind: 'text', width: 10 },
  period: { label: { id: 'Periode', en: 'Period' }, kind: 'text', width: 10 },
  dci: { label: { id: 'Indeks Desa Cerdas', en: 'Desa Cerdas Index' }, kind: 'score', width: 12 },
  stage: { label: { id: 'Tahap', en: 'Stage' }, kind: 'whole', width: 8 },
  villages_reporting: {
    label: { id: 'Desa melapor', en: 'Villages reporting' },
    kind: 'whole',
    width: 12,
  },
  villages_expected: {
    label: { id: 'Desa diharapkan', en: 'Villages expected' },
    kind: 'whole',
    width: 12,
  },
  village_code: { label: { id: 'Kode desa', en: 'Village code' }, kind: 'text', width: 16 },
  village_name: { label: { id: 'Nama desa', en: 'Village name' }, kind: 'text', width: 24 },
  district_code: { label: { id: 'Kode kecamatan', en: 'District code' }, kind: 'text', width: 12 },
  regency_code: {
    label: { id: 'Kode kabupaten/kota', en: 'Regency code' },
    kind: 'text',
    width: 10,
  },
  province_code: { label: { id: 'Kode provinsi', en: 'Province code' }, kind: 'text', width: 8 },
  region_code: { label: { id: 'Region', en: 'Region' }, kind: 'text', width: 8 },
  report_id: { label: { id: 'ID laporan', en: 'Report id' }, kind: 'text', width: 18 },
  cadre_id: { label: { id: 'ID kader', en: 'Cadre id' }, kind: 'text', width: 20 },
  submitted_at: { label: { id: 'Dikirim', en: 'Submitted at' }, kind: 'text', width: 24 },
  first_submitted_at: {
    label: { id: 'Pertama dikirim', en: 'First submitted at' },
    kind: 'text',
    width: 24,
  },
  on_time: { label: { id: 'Tepat waktu', en: 'On time' }, kind: 'bool', width: 10 },
  notes: { label: { id: 'Catatan', en: 'Notes' }, kind: 'text', width: 40 },
  outcome: { label: { id: 'Hasil', en: 'Outcome' }, kind: 'text', width: 10 },
  submission_id: { label: { id: 'ID kiriman', en: 'Submission id' }, kind: 'text', width: 20 },
  source_id: { label: { id: 'ID sumber', en: 'Source id' }, kind: 'text', width: 20 },
  line: { label: { id: 'Baris', en: 'Line' }, kind: 'whole', width: 8 },
  received_at: { label: { id: 'Diterima', en: 'Received at' }, kind: 'text', width: 24 },
  loaded_at: { label: { id: 'Dimuat', en: 'Loaded at' }, kind: 'text', width: 24 },
};

const SCORE_WORD: Label = { id: 'skor', en: 'score' };
/** Indicator and pillar headers are long: shown this wide, the full text in the cell. */
const NAMED_WIDTH = 18;

function indicatorKind(indicator: Indicator): CellKind {
  if (indicator.unit === 'bool') return 'bool';
  if (indicator.unit === 'rupiah') return 'rupiah';
  return indicator.wholeNumber ? 'whole' : 'score';
}

/** The column `key` of an export, as a workbook shows it to a reader of `lang`. */
export function exportColumn(key: string, lang: ExportLang): ExportColumn {
  const fixed = FIXED[key];
  if (fixed) return { key, header: fixed.label[lang], kind: fixed.kind, width: fixed.width };
  const pillar = PILLARS.find((p) => p.code === key);
  if (pillar)
    return {
      key,
      header: `${pillar.label[lang]} (${SCORE_WORD[lang]})`,
      kind: 'score',
      width: NAMED_WIDTH,
    };
  const indicator = INDICATORS.find((i) => i.code === key);
  if (indicator)
    return {
      key,
      header: indicator.label[lang],
      kind: indicatorKind(indicator),
      width: NAMED_WIDTH,
    };
  throw new Error(`export column ${key} has no label`);
}
