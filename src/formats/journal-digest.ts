import { createHash } from 'node:crypto';

/** `sha256:` and the hex SHA-256 of a text's UTF-8 bytes: how a journal names one of its lines, or itself. */
export function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
