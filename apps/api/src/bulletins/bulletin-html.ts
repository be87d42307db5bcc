// A bulletin as one self-contained A4 HTML document (inline CSS and SVG, no scripts, no fetches),
// which Chromium prints to PDF.
import { PILLAR_CODES, stageOf } from '@pantau/domain';
import type { Bulletin } from './bulletin-data';
import { bulletinText, type BulletinLang, type BulletinText } from './bulletin-text';

/** One colour per stage 0–4, the dashboard's (YlGnBu at the middle of each band). */
const STAGE_COLORS = ['#edf8b1', '#7fcdbb', '#41b6c4', '#1d91c0', '#0c2c84'] as const;
const NO_DATA = '#e5e7eb';
const LINE = '#0072b2';

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function colorOf(score: number | null): string {
  return score === null ? NO_DATA : STAGE_COLORS[stageOf(score)];
}

/** Drawn at about the size they print at (half the page's width), so text stays legible. */
const BAR = { width: 340, row: 24, label: 130, value: 40 } as const;

function pillarBars(bulletin: Bulletin, t: BulletinText): string {
  const track = BAR.width - BAR.label - BAR.value;
  const rows = PILLAR_CODES.map((code, i) => {
    const score = bulletin.pillars[code];
    const y = i * BAR.row;
    const width = ((score ?? 0) / 100) * track;
    return `<text x="0" y="${y + 17}" class="label">${escapeHtml(t.pillar(code))}</text>
      <rect x="${BAR.label}" y="${y + 5}" width="${track}" height="16" fill="#f3f4f6"/>
      <rect x="${BAR.label}" y="${y + 5}" width="${width.toFixed(1)}" height="16" fill="${colorOf(score)}" stroke="#0c2c84" stroke-width="0.4"/>
      <text x="${BAR.width}" y="${y + 17}" class="value" text-anchor="end">${t.score(score)}</text>`;
  }).join('');
  const height = PILLAR_CODES.length * BAR.row;
  return `<svg viewBox="0 0 ${BAR.width} ${height}" width="100%" role="img" aria-label="${escapeHtml(t.word('pillars'))}">${rows}</svg>`;
}

const TREND = { width: 340, height: 150, left: 26, right: 18, bottom: 20, top: 8 } as const;

function trendLine(bulletin: Bulletin, t: BulletinText): string {
  const plotW = TREND.width - TREND.left - TREND.right;
  const plotH = TREND.height - TREND.bottom - TREND.top;
  const step = plotW / Math.max(1, bulletin.trend.length - 1);
  const x = (i: number) => TREND.left + i * step;
  const y = (v: number) => TREND.top + plotH - (v / 100) * plotH;
  const grid = [0, 25, 50, 75, 100]
    .map(
      (
        v,
      ) => `<line x1="${TREND.left}" x2="${TREND.width - TREND.right}" y1="${y(v)}" y2="${y(v)}" class="grid"/>
        <text x="${TREND.left - 4}" y="${y(v) + 3}" class="axis" text-anchor="end">${v}</text>`,
    )
    .join('');
  // A month without reports breaks the line rather than drawing it down to zero.
  const segments: string[] = [];
  let current: string[] = [];
  bulletin.trend.forEach((point, i) => {
    if (point.dci === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(point.dci).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const lines = segments
    .map((points) => `<polyline points="${points}" fill="none" stroke="${LINE}" stroke-width="2"/>`)
    .join('');
  const dots = bulletin.trend
    .map((point, i) =>
      point.dci === null
        ? ''
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(point.dci).toFixed(1)}" r="2.5" fill="${LINE}"/>`,
    )
    .join('');
  // Every other month, ending at the bulletin's: twelve labels do not fit half a page.
  const last = bulletin.trend.length - 1;
  const months = bulletin.trend
    .map((point, i) =>
      (last - i) % 2 !== 0
        ? ''
        : `<text x="${x(i).toFixed(1)}" y="${TREND.height - 6}" class="axis" text-anchor="middle">${escapeHtml(t.month(point.period, true))}</text>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${TREND.width} ${TREND.height}" width="100%" role="img" aria-label="${escapeHtml(t.word('trend'))}">${grid}${lines}${dots}${months}</svg>`;
}

function kpis(bulletin: Bulletin, t: BulletinText): string {
  const k = bulletin.kpis;
  const tile = (label: string, value: string, note: string) =>
    `<div class="kpi"><div class="kpi-label">${escapeHtml(label)}</div><div class="kpi-value">${escapeHtml(value)}</div><div class="kpi-note">${escapeHtml(note)}</div></div>`;
  return `<section class="kpis">
    ${tile(t.word('dci'), t.score(k.dci), t.stage(k.stage))}
    ${tile(t.word('change'), t.delta(k.dci_change), t.month(bulletin.trend.at(-2)?.period ?? bulletin.period))}
    ${tile(t.word('reporting'), t.rate(k.reporting_rate), `${t.count(k.villages_reporting)} ${t.word('of')} ${t.count(k.villages_expected)}`)}
    ${tile(t.word('onTime'), t.rate(k.on_time_rate), `${t.count(k.on_time)} ${t.word('of')} ${t.count(k.villages_expected)}`)}
  </section>`;
}

function leaderboard(bulletin: Bulletin, t: BulletinText): string {
  const head = [
    `<th class="num">${t.word('rank')}</th>`,
    `<th>${escapeHtml(t.word('name'))}</th>`,
    `<th class="num">${t.word('dciShort')}</th>`,
    `<th>${escapeHtml(t.word('stage'))}</th>`,
    ...PILLAR_CODES.map((code) => `<th class="num pillar">${escapeHtml(t.pillarShort(code))}</th>`),
    `<th class="num">${escapeHtml(t.word('rate'))}</th>`,
  ].join('');
  const rows = bulletin.children
    .map(
      (child) => `<tr>
        <td class="num">${child.rank ?? '—'}</td>
        <td class="name">${escapeHtml(child.name)}</td>
        <td class="num strong"><span class="chip" style="background:${colorOf(child.dci)}"></span>${t.score(child.dci)}</td>
        <td>${escapeHtml(t.stage(child.stage))}</td>
        ${PILLAR_CODES.map((code) => `<td class="num">${t.score(child.pillars[code])}</td>`).join('')}
        <td class="num">${t.rate(child.rate)} <span class="muted">(${child.reported}/${child.expected})</span></td>
      </tr>`,
    )
    .join('');
  return `<section class="block"><h2>${escapeHtml(t.word('leaderboard'))} · ${escapeHtml(t.level(bulletin.child_level))}</h2>
    <table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function missingVillages(bulletin: Bulletin, t: BulletinText): string {
  const { total, villages } = bulletin.missing;
  const title = `<h2>${escapeHtml(t.word('missing'))} (${t.count(total)})</h2>`;
  if (total === 0)
    return `<section class="block">${title}<p>${escapeHtml(t.word('missingNone'))}</p></section>`;
  const shown =
    villages.length < total
      ? `<p class="muted">${escapeHtml(t.word('missingShown').replace('{shown}', t.count(villages.length)).replace('{total}', t.count(total)))}</p>`
      : '';
  const items = villages
    .map(
      (v) =>
        `<li><span class="strong">${escapeHtml(v.name)}</span> <span class="muted">· ${escapeHtml(v.district_name)} · ${escapeHtml(v.code)}</span></li>`,
    )
    .join('');
  return `<section class="block">${title}${shown}<ul class="missing">${items}</ul></section>`;
}

const STYLE = `
  @page { size: A4; margin: 14mm 12mm 16mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111827; font-size: 9.5pt; margin: 0; }
  header { border-bottom: 3px solid #0c2c84; padding-bottom: 6px; margin-bottom: 10px; display: flex; justify-content: space-between; align-items: flex-end; gap: 12px; }
  .eyebrow { color: #1d91c0; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; font-size: 8pt; }
  h1 { font-size: 20pt; margin: 2px 0 0; color: #0c2c84; }
  .parents { color: #4b5563; }
  .period { font-size: 14pt; font-weight: 600; text-align: right; white-space: nowrap; }
  h2 { font-size: 11pt; margin: 0 0 6px; color: #0c2c84; }
  .kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin-bottom: 10px; }
  .kpi { border: 1px solid #d1d5db; border-radius: 6px; padding: 6px 8px; }
  .kpi-label { color: #4b5563; font-size: 8pt; }
  .kpi-value { font-size: 18pt; font-weight: 700; }
  .kpi-note { color: #4b5563; font-size: 8pt; }
  .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-bottom: 10px; break-inside: avoid; }
  .label { font-size: 10px; fill: #111827; }
  .value { font-size: 10px; font-weight: 700; fill: #111827; }
  .axis { font-size: 8px; fill: #6b7280; }
  td.name { white-space: nowrap; }
  .grid { stroke: #e5e7eb; stroke-width: 1; }
  .block { margin-bottom: 10px; }
  table { width: 100%; border-collapse: collapse; font-size: 8pt; }
  thead { display: table-header-group; }
  th { text-align: left; border-bottom: 1.5px solid #0c2c84; padding: 3px 4px; font-weight: 600; }
  td { border-bottom: 1px solid #e5e7eb; padding: 2.5px 4px; }
  tr { break-inside: avoid; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .strong { font-weight: 600; }
  .muted { color: #6b7280; }
  .chip { display: inline-block; width: 8px; height: 8px; margin-right: 4px; border: 1px solid rgb(0 0 0 / 0.2); }
  .missing { columns: 3; column-gap: 14px; margin: 0; padding: 0; list-style: none; font-size: 8pt; }
  .missing li { break-inside: avoid; padding: 1px 0; }
  footer { margin-top: 12px; border-top: 1px solid #d1d5db; padding-top: 4px; color: #6b7280; font-size: 7.5pt; display: flex; justify-content: space-between; }
`;

export function bulletinHtml(bulletin: Bulletin, lang: BulletinLang): string {
  const t = bulletinText(lang);
  const where = [t.level(bulletin.area.level), ...bulletin.area.parents].join(' · ');
  const noReports =
    bulletin.kpis.dci === null ? `<p class="muted">${escapeHtml(t.word('noData'))}</p>` : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${t.word('title')} · ${bulletin.area.name} · ${t.month(bulletin.period)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <div>
    <div class="eyebrow">${escapeHtml(t.word('title'))}</div>
    <h1>${escapeHtml(bulletin.area.name)}</h1>
    <div class="parents">${escapeHtml(where)} · ${escapeHtml(bulletin.area.code)}</div>
  </div>
  <div class="period">${escapeHtml(t.month(bulletin.period))}</div>
</header>
${noReports}
${kpis(bulletin, t)}
<section class="charts">
  <div><h2>${escapeHtml(t.word('pillars'))}</h2>${pillarBars(bulletin, t)}</div>
  <div><h2>${escapeHtml(t.word('trend'))}</h2>${trendLine(bulletin, t)}</div>
</section>
${leaderboard(bulletin, t)}
${missingVillages(bulletin, t)}
<footer><span>${escapeHtml(t.word('source'))}</span><span>${escapeHtml(t.word('generated'))}: ${escapeHtml(bulletin.generated_at.slice(0, 16).replace('T', ' '))} UTC</span></footer>
</body>
</html>`;
}
