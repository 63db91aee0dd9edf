import { fileURLToPath } from 'node:url';

/** A file path for a file: URI, else the URI itself (used only to tell the file kind). */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}
