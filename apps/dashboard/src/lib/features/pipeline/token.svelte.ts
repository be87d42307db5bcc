// The engineer's API token for the pipeline console, kept in this tab only (sessionStorage).

export const TOKEN_KEY = 'pantau.token';

class TokenStore {
  value: string | null = $state(null);
  private loaded = false;

  /** Reads sessionStorage once; browser only. */
  load(): void {
    if (this.loaded || typeof sessionStorage === 'undefined') return;
    this.loaded = true;
    this.value = sessionStorage.getItem(TOKEN_KEY);
  }

  set(token: string): void {
    this.value = token;
    sessionStorage.setItem(TOKEN_KEY, token);
  }

  clear(): void {
    this.value = null;
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

export const engineerToken = new TokenStore();
