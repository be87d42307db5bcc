// The dashboard's pages as a person opens them, for checks that go over every page.

export interface DashboardPage {
  name: string;
  path: string;
  /** Text the page shows once it has loaded. */
  ready: string | RegExp;
  /** The pipeline console needs an engineer token in sessionStorage. */
  needsToken?: boolean;
}

export const PAGES: readonly DashboardPage[] = [
  { name: 'overview', path: '/', ready: 'Ringkasan nasional' },
  { name: 'explore', path: '/explore/15.02', ready: 'Peringkat Kecamatan' },
  { name: 'compare', path: '/compare?areas=15.01,15.02,15.03', ready: 'Ringkasan perbandingan' },
  { name: 'village', path: '/village/15.02.02.2004', ready: 'Jejak pengiriman' },
  { name: 'completeness', path: '/completeness?parent=15.02', ready: 'Desa yang belum melapor' },
  { name: 'quality', path: '/kualitas?parent=15.02', ready: 'Kelengkapan indikator' },
  { name: 'bulletin', path: '/buletin/15.02', ready: 'Buletin Bulanan Desa Cerdas' },
  { name: 'bulletins', path: '/buletin', ready: 'Buletin bulanan' },
  { name: 'pipeline', path: '/pipeline', ready: 'Antrean', needsToken: true },
  { name: 'sign-in', path: '/masuk', ready: 'Masuk dengan token API' },
];

/** Where the pipeline console keeps the token (see apps/dashboard token.svelte.ts). */
export const TOKEN_STORAGE_KEY = 'pantau.token';
