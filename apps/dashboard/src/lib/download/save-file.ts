// Hands a file made in the page to the browser's download, under the name given.

/** Long enough for the browser to start reading the object URL before it is revoked. */
const REVOKE_AFTER_MS = 10_000;

export function saveFile(content: Blob, name: string): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
