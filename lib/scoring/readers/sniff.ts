/**
 * Recognises, from a file's first bytes, the uploads that are not UTF-8 CSV at all, so the user is told what the
 * file is rather than where its first odd byte or missing column happens to be: UTF-16 (with or without a byte
 * order mark: Excel's "Unicode text"), a gzip or ZIP archive (an .xlsx workbook is a ZIP), a PDF.
 */

/** How many bytes `sniffFile` wants to see (fewer only when the file is shorter). */
export const SNIFF_BYTES = 512;

const UTF16 =
  'the file is UTF-16 text, not UTF-8: in Excel use "Save As" → "CSV UTF-8 (Comma delimited)", then upload that file';

/** A sentence saying what the file is, or null when it may well be a UTF-8 CSV. */
export function sniffFile(head: Uint8Array): string | null {
  const b = head;
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return UTF16;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b)
    return "the file is gzip-compressed: decompress it and upload the CSV inside";
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7))
    return "the file is a ZIP archive (an Excel workbook is one): export or save the data as CSV UTF-8 and upload that";
  if (b.length >= 5 && Buffer.from(b.subarray(0, 5)).toString("latin1") === "%PDF-")
    return "the file is a PDF document: upload the CSV export instead";
  // UTF-16 without a byte order mark: text in the ASCII range has a NUL in every other byte.
  const n = Math.min(b.length, SNIFF_BYTES) & ~1;
  if (n >= 8) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (b[i] === 0) even++;
      if (b[i + 1] === 0) odd++;
    }
    const pairs = n / 2;
    if ((even > pairs * 0.6 && odd < pairs * 0.1) || (odd > pairs * 0.6 && even < pairs * 0.1)) return UTF16;
  }
  return null;
}
