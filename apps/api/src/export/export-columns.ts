// What each column of an export is, for a workbook: its header in the reader's language, the kind
// of cell it holds and how wide it is shown. Indicator and pillar names come from the catalogue.
import { findIndicator, PILLARS, type Indicator } from '@pantau/domain';

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

interface FixedColumn {
  label: Label;
  kind: CellKind;
  width: number;
}

function fixed(kind: CellKind, width: number, id: string, en: string): FixedColumn {
  return { label: { id, en }, kind, width };
}

/** The columns that are not indicators or pillars: their kind, shown width and header. */
const FIXED: Record<string, FixedColumn> = {
  code: fixed('text', 16, 'Kode', 'Code'),
  name: fixed('text', 28, 'Nama wilayah', 'Area name'),
  level: fixed('text', 10, 'Tingkat', 'Level'),
  period: fixed('text', 10, 'Periode', 'Period'),
  dci: fixed('score', 12, 'Indeks Desa Cerdas', 'Desa Cerdas Index'),
  stage: fixed('whole', 8, 'Tahap', 'Stage'),
  villages_reporting: fixed('whole', 12, 'Desa melapor', 'Villages reporting'),
  villages_expected: fixed('whole', 12, 'Desa diharapkan', 'Villages expected'),
  village_code: fixed('text', 16, 'Kode desa', 'Village code'),
  village_name: fixed('text', 24, 'Nama desa', 'Village name'),
  district_code: fixed('text', 12, 'Kode kecamatan', 'District code'),
  regency_code: fixed('text', 10, 'Kode kabupaten/kota', 'Regency code'),
  province_code: fixed('text', 8, 'Kode provinsi', 'Province code'),
  region_code: fixed('text', 8, 'Region', 'Region'),
  report_id: fixed('text', 18, 'ID laporan', 'Report id'),
  cadre_id: fixed('text', 20, 'ID kader', 'Cadre id'),
  submitted_at: fixed('text', 24, 'Dikirim', 'Submitted at'),
  first_submitted_at: fixed('text', 24, 'Pertama dikirim', 'First submitted at'),
  on_time: fixed('bool', 10, 'Tepat waktu', 'On time'),
  notes: fixed('text', 40, 'Catatan', 'Notes'),
  outcome: fixed('text', 10, 'Hasil', 'Outcome'),
  submission_id: fixed('text', 20, 'ID kiriman', 'Submission id'),
  source_id: fixed('text', 20, 'ID sumber', 'Source id'),
  line: fixed('whole', 8, 'Baris', 'Line'),
  received_at: fixed('text', 24, 'Diterima', 'Received at'),
  loaded_at: fixed('text', 24, 'Dimuat', 'Loaded at'),
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
  const column = FIXED[key];
  if (column) return { key, header: column.label[lang], kind: column.kind, width: column.width };
  const pillar = PILLARS.find((p) => p.code === key);
  if (pillar)
    return {
      key,
      header: `${pillar.label[lang]} (${SCORE_WORD[lang]})`,
      kind: 'score',
      width: NAMED_WIDTH,
    };
  const indicator = findIndicator(key);
  if (indicator)
    return {
      key,
      header: indicator.label[lang],
      kind: indicatorKind(indicator),
      width: NAMED_WIDTH,
    };
  throw new Error(`export column ${key} has no label`);
}
