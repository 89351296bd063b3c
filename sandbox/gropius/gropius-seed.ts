/**
 * A Gropius with one project for Tandem: the user Tandem acts as (ADMIN on the project, as the connection's
 * token would be), a reader who may only look, and Gropius' default-style template. `originField` gives the
 * template a `tandemOrigin` field, the templated-field flavour of origin markers.
 */
import {
  GropiusStore,
  seedDefaultTemplate,
  type GProject,
  type GTemplate,
  type GUser,
} from './gropius-store';

export interface GropiusSeed {
  store: GropiusStore;
  project: GProject;
  template: GTemplate;
  tandem: GUser;
  token: string;
  readerToken: string;
}

export function seedGropius(opts: { originField?: boolean; clock?: () => Date } = {}): GropiusSeed {
  const store = new GropiusStore(opts.clock);
  const token = 'gropius-tandem-token';
  const readerToken = 'gropius-reader-token';
  const tandem = store.addUser(
    { username: 'tandem', displayName: 'Tandem', email: 'tandem@gropius.invalid', isAdmin: false },
    token,
  );
  const reader = store.addUser(
    { username: 'rui', displayName: 'Rui Reader', email: null, isAdmin: false },
    readerToken,
  );
  const project = store.addProject('Demo partner', 'Where DEMO issues are copied to');
  store.grant(project.id, tandem.id, 'ADMIN');
  store.grant(project.id, reader.id, 'READ');
  const template = seedDefaultTemplate(store, { originField: opts.originField ?? false });
  return { store, project, template, tandem, token, readerToken };
}
