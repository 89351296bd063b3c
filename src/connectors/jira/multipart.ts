/**
 * A multipart/form-data body as bytes. Forge's `requestJira` takes a string or an ArrayBuffer, not a
 * FormData, so attachment uploads build their body here.
 */
import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  field: string;
  filename: string;
  mimeType: string;
  data: Uint8Array;
}

export function encodeMultipart(file: MultipartFile): { body: Uint8Array; contentType: string } {
  const boundary = `----tandem${randomBytes(12).toString('hex')}`;
  // Quotes and line breaks in a filename would break the header; they are replaced, not escaped.
  const safeName = file.filename.replace(/["\r\n]/g, '_');
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${file.field}"; filename="${safeName}"\r\n` +
      `Content-Type: ${file.mimeType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, file.data, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
