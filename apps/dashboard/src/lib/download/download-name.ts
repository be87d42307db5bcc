// File names that say what a download is: "peringkat-kecamatan-kabupaten-merangin-2024-05.xlsx".
const MAX_STEM = 120;

/** Lower case words joined by dashes, accents dropped, nothing a file system would refuse. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The file name of a download about `parts` (title, area, period…), with its extension. */
export function downloadName(parts: readonly string[], extension: string): string {
  const stem = parts.map(slug).filter(Boolean).join('-').slice(0, MAX_STEM).replace(/-+$/, '');
  return `${stem || 'pantau'}.${extension}`;
}
