import { licenseStateOf, licenseView } from './license-state';

it.each([
  ['no context', undefined, 'none'],
  ['no license (development install)', { installContext: 'ari:x' }, 'none'],
  ['a null license', { license: null }, 'none'],
  ['active', { license: { active: true, type: 'commercial' } }, 'active'],
  ['inactive', { license: { active: false } }, 'inactive'],
  ['only the deprecated isActive', { license: { isActive: true } }, 'active'],
  ['active wins over a stale isActive', { license: { active: false, isActive: true } }, 'inactive'],
  ['a license that says nothing', { license: {} }, 'inactive'],
  ['an unreadable license', { license: 'yes' }, 'inactive'],
])('%s', (_name, context, expected) => {
  expect(licenseStateOf(context)).toBe(expected);
});

it('only an inactive license carries a notice', () => {
  expect(licenseView('inactive').notice).toMatch(/license/);
  expect(licenseView('active').notice).toBeUndefined();
  expect(licenseView('none').notice).toBeUndefined();
});
