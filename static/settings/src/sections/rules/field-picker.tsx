/** A local field path, picked from the site's fields (fields/list) or typed as a dotted path. */
import { CreatableSelect } from '@atlaskit/select';
import type { FieldInfo } from '../../../../../src/core/schema/resolver-answers';

interface Props {
  id: string;
  value: string;
  fields: readonly FieldInfo[];
  invalid: boolean;
  onChange: (path: string) => void;
}

export function FieldPicker({ id, value, fields, invalid, onChange }: Props) {
  const options = fields.flatMap((f) =>
    f.paths.map((path) => ({
      label: path === f.id ? f.name : `${f.name} (${path.slice(f.id.length + 1)})`,
      value: path,
    })),
  );
  const current = options.find((o) => o.value === value) ?? (value === '' ? null : { label: value, value });
  return (
    <CreatableSelect
      inputId={id}
      spacing="compact"
      options={options}
      value={current}
      isInvalid={invalid}
      placeholder="Choose a field"
      formatCreateLabel={(input: string) => `Use the path "${input}"`}
      onChange={(o) => {
        onChange(o?.value ?? '');
      }}
      onCreateOption={(input: string) => {
        onChange(input.trim());
      }}
    />
  );
}
