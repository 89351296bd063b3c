/**
 * Patches applied to in-memory copies of Atlassian's OpenAPI documents before validating against them. The
 * documents themselves stay in `../shared/contracts`; only these corrections live in the repository.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks to a nested object, failing loudly if the document no longer has the shape the patch expects. */
function objectAt(root: JsonObject, ...path: string[]): JsonObject {
  let node: unknown = root;
  for (const key of path) {
    node = isObject(node) ? node[key] : undefined;
    if (!isObject(node)) throw new Error(`spec overlay: ${path.join(' > ')} not found (stopped at '${key}')`);
  }
  if (!isObject(node)) throw new Error(`spec overlay: ${path.join(' > ')} is not an object`);
  return node;
}

/** The four defects of platform-openapi-v3.json listed in ../shared/contracts/README.md. */
export function patchPlatformSpec(spec: JsonObject): void {
  // 1. `Fields.issuetype` is a `$ref` with a sibling `description`; strict validators refuse the document.
  delete objectAt(spec, 'components', 'schemas', 'Fields', 'properties', 'issuetype').description;

  // 2. GET remotelink is declared to return one object; Jira returns an array, or the single link when
  //    `globalId` is given (jira.js's schema is the same union).
  const remoteLinks = objectAt(
    spec,
    'paths',
    '/rest/api/3/issue/{issueIdOrKey}/remotelink',
    'get',
    'responses',
    '200',
    'content',
    'application/json',
  );
  remoteLinks.schema = {
    anyOf: [
      { type: 'array', items: { $ref: '#/components/schemas/RemoteIssueLink' } },
      { $ref: '#/components/schemas/RemoteIssueLink' },
    ],
  };

  // 3. Changelog items use `null` for an empty side (unassigned, no resolution); the schema says string only.
  //    The display strings pair with the raw values and are null in the same cases.
  const changeDetails = objectAt(spec, 'components', 'schemas', 'ChangeDetails', 'properties');
  for (const key of ['from', 'to', 'fromString', 'toString']) objectAt(changeDetails, key).nullable = true;

  // 4. addAttachment's `created`: a number in Atlassian's own example, a date-time string in the schema.
  const attachmentProps = objectAt(spec, 'components', 'schemas', 'Attachment', 'properties');
  attachmentProps.created = {
    anyOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }],
    readOnly: true,
  };
}

/**
 * software-openapi-v3.json: `bulkByProperties` and `existsByProperties` take arbitrary property query
 * parameters (their descriptions say so) but declare none, so a strict validator would reject every real call.
 * A free-form `style: form` object parameter is how OpenAPI spells "any other query parameter".
 */
export function patchSoftwareSpec(spec: JsonObject): void {
  for (const [path, method] of [
    ['/devinfo/0.10/bulkByProperties', 'delete'],
    ['/devinfo/0.10/existsByProperties', 'get'],
  ] satisfies [string, string][]) {
    const operation = objectAt(spec, 'paths', path, method);
    const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
    parameters.push({
      name: 'properties',
      in: 'query',
      style: 'form',
      explode: true,
      schema: { type: 'object', additionalProperties: { type: 'string' } },
    });
    operation.parameters = parameters;
  }
}
