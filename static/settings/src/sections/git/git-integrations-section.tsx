/**
 * Git integrations: the slot the development-information feature fills (its git servers, their webhook
 * URLs and secrets). It gets the project key and renders inside the page's "Git integrations" tab.
 */
export function GitIntegrationsSection({ projectKey }: { projectKey: string }) {
  return (
    <section className="section" aria-label="Git integrations">
      <div className="empty">
        Commits, branches and pull requests from your git servers will show on {projectKey}’s issues once git
        integrations are available here.
      </div>
    </section>
  );
}
