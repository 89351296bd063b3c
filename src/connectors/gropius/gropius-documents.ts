/**
 * Every GraphQL document the Gropius connector sends, and only here: test/connectors/gropius validates each
 * against Gropius' published schema (`../shared/contracts/gropius/gropius.graphqls`), so a field or
 * argument the API does not have fails CI instead of a customer's sync.
 *
 * Issues are read through their Trackable (`node(id:) { ... on Trackable { issues } }`), which scopes every
 * read to the connection's project: an id from elsewhere is simply not found.
 */

const ISSUE_FIELDS = `
  fragment TandemIssue on Issue {
    id
    title
    createdAt
    lastModifiedAt
    lastUpdatedAt
    createdBy { id username displayName email }
    body { id body }
    state { id name isOpen }
    priority { id name value }
    type { id name }
    template { id }
    templatedFields { name value }
    labels(first: 100) { nodes { id name } }
  }
`;

/** Issues of the trackable, oldest change first, by cursor: `lastUpdatedAt` also moves with the timeline. */
export const LIST_ISSUES = `
  query TandemListIssues($trackable: ID!, $filter: IssueFilterInput, $first: Int!, $after: String) {
    node(id: $trackable) {
      ... on Trackable {
        issues(
          filter: $filter
          first: $first
          after: $after
          orderBy: [{ field: LAST_UPDATED_AT, direction: ASC }, { field: ID, direction: ASC }]
        ) {
          nodes { ...TandemIssue }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${ISSUE_FIELDS}
`;

/** Newest first, for the search of a copy made just before a crash. */
export const LIST_RECENT_ISSUES = `
  query TandemRecentIssues($trackable: ID!, $filter: IssueFilterInput, $first: Int!, $after: String) {
    node(id: $trackable) {
      ... on Trackable {
        issues(
          filter: $filter
          first: $first
          after: $after
          orderBy: [{ field: CREATED_AT, direction: DESC }, { field: ID, direction: DESC }]
        ) {
          nodes { ...TandemIssue }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${ISSUE_FIELDS}
`;

/** A template's states, priorities, types and templated fields: what names map to ids on writes. */
export const TEMPLATE = `
  query TandemTemplate($id: ID!) {
    node(id: $id) {
      ... on IssueTemplate {
        id
        name
        issueStates(first: 100) { nodes { id name isOpen } }
        issuePriorities(first: 100) { nodes { id name value } }
        issueTypes(first: 100) { nodes { id name } }
        templateFieldSpecifications { name value }
      }
    }
  }
`;

/** The template new issues get when the connection names none: the first one not deprecated, by name. */
export const DEFAULT_TEMPLATE = `
  query TandemDefaultTemplate($filter: IssueTemplateFilterInput!) {
    issueTemplates(
      first: 1
      filter: $filter
      orderBy: [{ field: NAME, direction: ASC }]
    ) {
      nodes { id }
    }
  }
`;

export const TRACKABLE_LABEL = `
  query TandemLabel($trackable: ID!, $name: String!) {
    node(id: $trackable) {
      ... on Trackable {
        labels(first: 1, filter: { name: { eq: $name } }) { nodes { id name } }
      }
    }
  }
`;

export const ISSUE_COMMENTS = `
  query TandemComments($trackable: ID!, $issue: ID!, $after: String) {
    node(id: $trackable) {
      ... on Trackable {
        issues(first: 1, filter: { id: { eq: $issue } }) {
          nodes {
            issueComments(first: 100, after: $after, orderBy: [{ field: CREATED_AT, direction: ASC }]) {
              nodes {
                id
                body
                isDeleted
                createdAt
                lastModifiedAt
                createdBy { id username displayName email }
              }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      }
    }
  }
`;

export const CREATE_ISSUE = `
  mutation TandemCreateIssue($input: CreateIssueInput!) {
    createIssue(input: $input) { issue { id } }
  }
`;

export const CHANGE_TITLE = `
  mutation TandemChangeTitle($input: ChangeIssueTitleInput!) {
    changeIssueTitle(input: $input) { titleChangedEvent { id } }
  }
`;

export const UPDATE_BODY = `
  mutation TandemUpdateBody($input: UpdateBodyInput!) {
    updateBody(input: $input) { body { id body } }
  }
`;

export const CHANGE_STATE = `
  mutation TandemChangeState($input: ChangeIssueStateInput!) {
    changeIssueState(input: $input) { stateChangedEvent { id } }
  }
`;

export const CHANGE_PRIORITY = `
  mutation TandemChangePriority($input: ChangeIssuePriorityInput!) {
    changeIssuePriority(input: $input) { priorityChangedEvent { id } }
  }
`;

export const CHANGE_TYPE = `
  mutation TandemChangeType($input: ChangeIssueTypeInput!) {
    changeIssueType(input: $input) { typeChangedEvent { id } }
  }
`;

export const ADD_LABEL = `
  mutation TandemAddLabel($input: AddLabelToIssueInput!) {
    addLabelToIssue(input: $input) { addedLabelEvent { id } }
  }
`;

export const REMOVE_LABEL = `
  mutation TandemRemoveLabel($input: RemoveLabelFromIssueInput!) {
    removeLabelFromIssue(input: $input) { removedLabelEvent { id } }
  }
`;

export const CREATE_LABEL = `
  mutation TandemCreateLabel($input: CreateLabelInput!) {
    createLabel(input: $input) { label { id name } }
  }
`;

const COMMENT_FIELDS = `id body isDeleted createdAt lastModifiedAt createdBy { id username displayName email }`;

export const CREATE_COMMENT = `
  mutation TandemCreateComment($input: CreateIssueCommentInput!) {
    createIssueComment(input: $input) { issueComment { ${COMMENT_FIELDS} } }
  }
`;

export const UPDATE_COMMENT = `
  mutation TandemUpdateComment($input: UpdateIssueCommentInput!) {
    updateIssueComment(input: $input) { issueComment { id } }
  }
`;

export const DELETE_COMMENT = `
  mutation TandemDeleteComment($input: DeleteNodeInput!) {
    deleteIssueComment(input: $input) { issueComment { id } }
  }
`;
