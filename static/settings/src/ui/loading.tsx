/** What a section shows while its data loads or when it could not be loaded. */
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { Loaded } from './use-load';

export function LoadState({ loaded, what }: { loaded: Loaded<unknown>; what: string }) {
  if (loaded.state === 'loading')
    return (
      <div className="loading">
        <Spinner size="medium" label={`Loading ${what}`} />
      </div>
    );
  if (loaded.state === 'error')
    return (
      <SectionMessage appearance="error" title={`Could not load ${what}`}>
        <p>{loaded.message}</p>
      </SectionMessage>
    );
  return null;
}
