/**
 * Origin markers in Markdown bodies: an HTML comment that GitHub, GitLab and Redmine (CommonMark) do not
 * show, holding the partner item Tandem copied. A retry finds its own earlier write by it. Reading strips
 * the marker, so people's text and the engine's hashes never see it.
 */
const MARKER = /\n*<!-- tandem:origin=([^\s>]+) -->\s*$/;

/** Origins are ours (`c1:rc:123`), but any `-->` inside would end the comment early. */
const encode = (origin: string) => encodeURIComponent(origin);

export function withOrigin(body: string, origin: string): string {
  return `${body.replace(/\s+$/, '')}\n\n<!-- tandem:origin=${encode(origin)} -->`;
}

export function splitOrigin(body: string): { body: string; origin?: string } {
  const m = MARKER.exec(body);
  if (!m?.[1]) return { body };
  let origin: string;
  try {
    origin = decodeURIComponent(m[1]);
  } catch {
    return { body };
  }
  return { body: body.slice(0, m.index), origin };
}

/** The attribution line above a copied comment, in italics: "*Ana Lima wrote in DEMO:*". */
export function withAttribution(body: string, attribution: string | undefined): string {
  if (!attribution) return body;
  const line = attribution.replace(/[\\*_[\]`<]/g, '\\$&');
  return `*${line}*\n\n${body}`;
}
