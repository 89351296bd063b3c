import { join } from 'node:path';

/**
 * The contracts live next to the repository (`../shared/contracts/jira`), never inside it.
 * `TANDEM_CONTRACTS_DIR` points elsewhere for checkouts that keep them in another place.
 */
export function contractsDir(): string {
  return (
    process.env.TANDEM_CONTRACTS_DIR ?? join(__dirname, '..', '..', '..', '..', 'shared', 'contracts', 'jira')
  );
}
