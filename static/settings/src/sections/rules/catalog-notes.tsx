/**
 * What the rule editor could not check: a side whose fields could not be read (with why), what a catalog
 * says it lacks (Redmine's untyped custom fields), and rules naming fields a catalog does not list.
 */
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import type { RuleFieldProblem } from '../../../../../src/core/rules/rule-fields';
import type { Loaded } from '../../ui/use-load';

interface Props {
  catalogs: Loaded<AnswerOf<'fields/catalog'>>;
  warnings: readonly RuleFieldProblem[];
}

const ruleOf = (path: string): string => (path === '' ? '' : `Rule ${Number(path.split('.')[0]) + 1}: `);

export function CatalogNotes({ catalogs, warnings }: Props) {
  const lines =
    catalogs.state === 'error'
      ? [`The fields of both sides could not be read: ${catalogs.message}`]
      : catalogs.state === 'ready'
        ? [
            ...[catalogs.data.local, catalogs.data.remote].flatMap((side) => [
              ...(side.error === null ? [] : [side.error]),
              ...(side.catalog?.notes ?? []),
            ]),
            // A side that could not be read is already named above.
            ...warnings.filter((w) => w.path !== '').map((w) => `${ruleOf(w.path)}${w.message}`),
          ]
        : [];
  if (lines.length === 0) return null;
  return (
    <ul className="subtle" aria-label="Not checked">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
