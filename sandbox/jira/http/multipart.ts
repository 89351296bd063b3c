import busboy from 'busboy';
import { JiraHttpError, badRequest } from './reply';

export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly content: Buffer;
}

/**
 * Reads the files of a multipart/form-data body. A file over `maxBytes` is a 413, as Jira answers when an upload
 * exceeds the site's attachment limit.
 */
export function parseMultipart(
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  maxBytes: number,
): Promise<UploadedFile[]> {
  const contentType = headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(badRequest('The request is not a multipart/form-data request.'));
  }
  return new Promise((resolve, reject) => {
    const files: UploadedFile[] = [];
    let tooLarge: string | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: maxBytes } });
    } catch (err) {
      reject(badRequest(`Malformed multipart request: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        tooLarge = info.filename ?? 'file';
      });
      stream.on('close', () => {
        files.push({
          field,
          filename: info.filename ?? 'file',
          mimeType: info.mimeType,
          content: Buffer.concat(chunks),
        });
      });
    });
    parser.on('error', (err: unknown) => {
      reject(badRequest(`Malformed multipart request: ${err instanceof Error ? err.message : String(err)}`));
    });
    parser.on('close', () => {
      if (tooLarge !== undefined) {
        reject(
          new JiraHttpError(413, [
            `The file '${tooLarge}' is larger than the attachment limit of ${maxBytes} bytes.`,
          ]),
        );
      } else {
        resolve(files);
      }
    });
    parser.end(body);
  });
}
