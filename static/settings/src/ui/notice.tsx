/** A section's last outcome ("Saved", "Approved: 3 changes written", or an error) as a section message. */
import SectionMessage from '@atlaskit/section-message';
import { codeOf, messageOf } from '../api';

export interface Notice {
  appearance: 'success' | 'error' | 'warning' | 'information';
  title?: string;
  message: string;
}

export function NoticeMessage({ notice }: { notice: Notice | undefined }) {
  if (!notice) return null;
  return (
    <SectionMessage appearance={notice.appearance} {...(notice.title ? { title: notice.title } : {})}>
      <p>{notice.message}</p>
    </SectionMessage>
  );
}

/** A refused or failed call as an error notice; a refusal for lack of rights says so in its title. */
export function failureNotice(err: unknown, title: string): Notice {
  const forbidden = codeOf(err) === 'forbidden';
  return {
    appearance: 'error',
    title: forbidden ? `${title}: you do not have permission` : title,
    message: messageOf(err),
  };
}
