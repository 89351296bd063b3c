/**
 * Says why nothing syncs when the app's license on this site is inactive, with the way out: Jira's
 * Manage apps page. The link goes through the bridge's router because the page runs in an iframe, where
 * a plain link would open inside the frame.
 */
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { router } from '@forge/bridge';
import type { LicenseView } from '../../../../src/core/licensing/license-state';

export function LicenseBanner({ license }: { license: LicenseView }) {
  if (license.notice === undefined) return null;
  return (
    <SectionMessage
      appearance="warning"
      title="Tandem is paused: its license is not active"
      actions={[
        <SectionMessageAction
          key="manage"
          href={license.manageUrl}
          onClick={(event) => {
            event.preventDefault();
            void router.navigate(license.manageUrl);
          }}
        >
          Manage apps
        </SectionMessageAction>,
      ]}
    >
      <p data-testid="license-notice">{license.notice}</p>
    </SectionMessage>
  );
}
