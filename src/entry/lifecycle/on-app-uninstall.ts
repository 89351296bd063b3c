/**
 * The app is being uninstalled from the site: delete every secret and every record Tandem stored there.
 * Two modules call it, so a platform that delivers either runs it: Forge's `preUninstall` module (manifest
 * reference "Pre-uninstall trigger": runs without a user, 55 s, non-blocking, its answer ignored) and a
 * `trigger` on the lifecycle event `avi:forge:uninstalled:app`. Erasing is idempotent, so both running is
 * harmless. It runs whatever the license says: an unpaid install's data is removed all the same.
 */
import { eraseAppData, type EraseReport } from '../../platform/lifecycle/erase-app-data';

export const makeAppUninstallHandler = (erase: () => Promise<EraseReport>) => async (): Promise<void> => {
  const report = await erase();
  // Counts only: never a key's value, and never a secret.
  console.info(`Tandem uninstalled: ${report.secrets} secret slots and ${report.keys} records deleted`);
};

export const onAppUninstall = makeAppUninstallHandler(eraseAppData);
