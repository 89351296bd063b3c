/**
 * A value map: pairs of equivalent values, the first match wins, "*" matches any value (and as a target
 * keeps the value as it is), as in trackersync's tables.
 */
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import type { Json } from '../../../../../src/core/model';

// A type alias, not an interface: it must fit the Json index signature of a rule draft.
type Row = { local: Json; remote: Json };

const text = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

export function ValueMapEditor({
  id,
  map,
  onChange,
}: {
  id: string;
  map: Row[];
  onChange: (map: Row[] | undefined) => void;
}) {
  const set = (i: number, side: 'local' | 'remote', value: string) => {
    onChange(map.map((r, j) => (j === i ? { ...r, [side]: value } : r)));
  };
  return (
    <div className="field">
      <h3 className="group">Value map</h3>
      <span className="subtlest">
        Local value ↔ remote value. The first match wins; * matches any value.
      </span>
      {map.map((row, i) => (
        <div className="toolbar" key={i}>
          <Textfield
            aria-label={`${id} map ${i + 1} local`}
            isCompact
            width={200}
            value={text(row.local)}
            onChange={(e) => {
              set(i, 'local', e.currentTarget.value);
            }}
          />
          <span aria-hidden="true">↔</span>
          <Textfield
            aria-label={`${id} map ${i + 1} remote`}
            isCompact
            width={200}
            value={text(row.remote)}
            onChange={(e) => {
              set(i, 'remote', e.currentTarget.value);
            }}
          />
          <Button
            appearance="subtle"
            spacing="compact"
            onClick={() => {
              const next = map.filter((_, j) => j !== i);
              onChange(next.length === 0 ? undefined : next);
            }}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button
          spacing="compact"
          onClick={() => {
            onChange([...map, { local: '', remote: '' }]);
          }}
        >
          Add a pair
        </Button>
      </div>
    </div>
  );
}
