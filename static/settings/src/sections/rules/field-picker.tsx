/**
 * A field path, picked from one side's fields (its catalog from fields/catalog, with each field's type, or
 * the site's fields from fields/list) or typed as a dotted path.
 */
import { CreatableSelect } from '@atlaskit/select';

/** A field as either list has it; catalog fields also say their type. */
export interface PickerField {
  id: string;
  name: string;
  paths: readonly string[];
  type?: string;
}

interface Props {
  id: string;
  /** The accessible name, where no visible label names the picker. */
  label?: string;
  value: string;
  fields: readonly PickerField[];
  invalid: boolean;
  onChange: (path: string) => void;
}

function labelOf(f: PickerField, path: string): string {
  const part =
    path === f.id || path === f.paths[0]
      ? ''
      : path.startsWith(`${f.id}.`)
        ? ` (${path.slice(f.id.length + 1)})`
        : ` (${path})`;
  return `${f.name}${part}${f.type === undefined ? '' : ` · ${f.type}`}`;
}

export function FieldPicker({ id, label, value, fields, invalid, onChange }: Props) {
  const options = fields.flatMap((f) => f.paths.map((path) => ({ label: labelOf(f, path), value: path })));
  // A rule may name a field by its name (portable between sites): show it as that field.
  const byName = fields.find((f) => f.name === value);
  const current =
    options.find((o) => o.value === value) ??
    (value === '' ? null : { label: byName ? labelOf(byName, byName.id) : value, value });
  return (
    <CreatableSelect
      inputId={id}
      {...(label === undefined ? {} : { label })}
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
