/**
 * A field patch → what the Gropius connector writes: title, body (Markdown), and state, priority and type
 * by their names in the issue's template, labels by name. Names are resolved to the template's ids before
 * anything is written, so a name the template lacks is refused whole, naming the values it has.
 */
import { TrackerError } from '../../core/errors';
import type { FieldPatch, Json } from '../../core/model';
import { toMarkdown, type MarkdownOptions } from '../markdown';

export interface GrWrite {
  title?: string;
  /** Without the origin marker; the tracker keeps or adds it. */
  body?: string;
  state?: string;
  /** null clears the priority. */
  priority?: string | null;
  type?: string;
  labels?: string[];
}

export interface TemplateCatalog {
  id: string;
  states: { id: string; name: string; isOpen: boolean }[];
  priorities: { id: string; name: string }[];
  types: { id: string; name: string }[];
  fields: string[];
}

const name = (v: Json, path: string, label: string): string | null => {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v) && typeof v.name === 'string') return v.name;
  throw new TrackerError('invalid_request', `${label}: ${path} must be a name, got ${JSON.stringify(v)}`);
};

export function toGrWrite(patch: FieldPatch, label: string, md: MarkdownOptions): GrWrite {
  const out: GrWrite = {};
  for (const [path, value] of Object.entries(patch)) {
    switch (path) {
      case 'title':
        out.title = name(value, path, label) ?? '';
        break;
      case 'description':
      case 'body':
        out.body = toMarkdown(value, md);
        break;
      case 'state':
      case 'state.name': {
        const s = name(value, path, label);
        if (s === null)
          throw new TrackerError('invalid_request', `${label}: an issue's state cannot be empty`);
        out.state = s;
        break;
      }
      case 'priority':
      case 'priority.name':
        out.priority = name(value, path, label);
        break;
      case 'type':
      case 'type.name': {
        const t = name(value, path, label);
        if (t === null)
          throw new TrackerError('invalid_request', `${label}: an issue's type cannot be empty`);
        out.type = t;
        break;
      }
      case 'labels':
        out.labels = [
          ...new Set(
            (Array.isArray(value) ? value : value === null ? [] : [value])
              .map((l) => name(l, path, label))
              .filter((l): l is string => l !== null),
          ),
        ];
        break;
      default:
        throw new TrackerError('invalid_request', `${label}: field "${path}" cannot be written by Tandem`);
    }
  }
  return out;
}

/** The template's id for a name, matched without regard to case; a name it lacks is refused. */
export function idOf(
  list: readonly { id: string; name: string }[],
  wanted: string,
  what: string,
  label: string,
): string {
  const lower = wanted.toLowerCase();
  const found = list.find((x) => x.name === wanted) ?? list.find((x) => x.name.toLowerCase() === lower);
  if (!found)
    throw new TrackerError(
      'invalid_request',
      `${label}: the issue template has no ${what} "${wanted}"; it has ${list.map((x) => `"${x.name}"`).join(', ') || 'none'}`,
    );
  return found.id;
}
