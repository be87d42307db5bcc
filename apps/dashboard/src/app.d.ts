// SvelteKit's app-wide types: what an error page knows besides the message.
declare global {
  namespace App {
    interface Error {
      message: string;
      /** A lead's area, when the API refused a read outside it: the error page links there. */
      scope?: string;
    }
  }
}

export {};
