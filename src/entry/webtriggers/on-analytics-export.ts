/**
 * The analytics export's files for DuckDB and other HTTP readers: `<url>/<project>/<secret>/manifest.json`
 * and `<url>/<project>/<secret>/<table>/<month>.parquet`. Thin: parse Forge's request, let the core answer
 * (secret, path, ranges, CORS), and put the answer in Forge's response shape.
 */
import { serveExport, type ExportReader } from '../../core/analytics/serve-export';
import { kvsExportReader } from '../../platform/analytics/export-store';
import { byteBody, headerValue, parseWebTriggerRequest, type WebTriggerResponse } from './webtrigger-http';

export const makeAnalyticsExportHandler =
  (reader: () => ExportReader) =>
  async (request: unknown): Promise<WebTriggerResponse> => {
    const parsed = parseWebTriggerRequest(request);
    const answer = await serveExport(reader(), {
      method: parsed.method,
      userPath: parsed.userPath,
      range: headerValue(parsed, 'range'),
    });
    const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, [v]]));
    return {
      statusCode: answer.status,
      headers,
      // Text too goes out as its UTF-8 bytes, so every answer of this trigger is written the same way.
      body: byteBody(typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body),
    };
  };

export const onAnalyticsExport = makeAnalyticsExportHandler(() => kvsExportReader(() => new Date()));
