// Headers every dashboard response carries, beside the Content-Security-Policy that SvelteKit
// writes from `kit.csp` (svelte.config.js) with a nonce for its own inline script.

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Addresses of this site (areas, villages, tokens' pages) are nobody else's business.
  'referrer-policy': 'same-origin',
  // A response is what its Content-Type says, never sniffed into a script or a page.
  'x-content-type-options': 'nosniff',
  // frame-ancestors 'none' in the CSP, for browsers that only know the older header.
  'x-frame-options': 'DENY',
};

/** `response` with the security headers set (a new one when its headers are immutable). */
export function withSecurityHeaders(response: Response): Response {
  try {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  } catch {
    // Responses fetched from elsewhere have immutable headers: copy them.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) copy.headers.set(name, value);
    return copy;
  }
}
