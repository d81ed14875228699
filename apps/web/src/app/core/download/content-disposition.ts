/**
 * The file name a `Content-Disposition` header proposes, or null when it names none. The RFC 6266
 * `filename*` (RFC 8187, UTF-8) wins over the plain `filename`, as browsers do. Whatever a server
 * sends, the result is a bare name: directory parts and characters file systems refuse are
 * replaced.
 */
export function filenameFromContentDisposition(
  header: string | null | undefined,
): string | null {
  if (!header) {
    return null;
  }
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    const [, charset = '', encoded = ''] = extended;
    if (charset === '' || charset.toLowerCase() === 'utf-8') {
      try {
        return safeFilename(decodeURIComponent(encoded.trim()));
      } catch {
        // Malformed percent-encoding: fall back to the plain parameter.
      }
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) {
    return safeFilename((quoted[1] ?? '').replace(/\\(.)/g, '$1'));
  }
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return bare ? safeFilename(bare[1] ?? '') : null;
}

/**
 * A name any file system accepts, from anything: path separators, control characters and the
 * characters Windows refuses become `_`; leading dots are dropped (no hidden or `..` files).
 * Null when nothing is left.
 */
export function safeFilename(name: string): string | null {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned === '' ? null : cleaned;
}
