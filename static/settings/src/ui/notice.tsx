/** A section's last outcome ("Saved", "Approved: 3 changes written", or an error) as a section message. */
import SectionMessage from '@atlaskit/section-message';

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
