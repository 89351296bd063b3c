/**
 * `npm run check:forge` (run.sh starts this under Node 22 with the network cut): Atlassian's own packaging
 * and lint over the app, failing on any error or warning. See README "Deploy to a Jira Cloud site".
 *
 * `check-forge.ts [packaging] [lint] [scopes]` runs only the parts named (the self-test uses it). Each part
 * is imported when it runs, so the self-test can run packaging and lint over an old tree that has no
 * jira-endpoints.ts for the scope part to import.
 */

const PARTS = ['packaging', 'lint', 'scopes'] as const;
type Part = (typeof PARTS)[number];

function partsToRun(args: string[]): Part[] {
  if (args.length === 0) return [...PARTS];
  const unknown = args.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length > 0)
    throw new Error(`unknown part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  return PARTS.filter((p) => args.includes(p));
}

const MiB = 1024 * 1024;

async function runPart(part: Part): Promise<string[]> {
  switch (part) {
    case 'packaging': {
      console.log(
        'check:forge: packaging, as forge deploy does it (runtime bundle, UI Kit bundle, resources)',
      );
      const report = await (await import('./check-packaging')).checkPackaging();
      if (report.runtimeArchive) {
        const { sizeBytes, entries } = report.runtimeArchive;
        console.log(
          `check:forge: runtime archive ${(sizeBytes / MiB).toFixed(2)} MiB, ${entries.length} entries`,
        );
      }
      for (const [key, archive] of Object.entries(report.resourceArchives)) {
        console.log(
          `check:forge: resource ${key}: ${archive.entries.length} files, ${(archive.sizeBytes / 1024).toFixed(0)} KiB zipped`,
        );
      }
      console.log(
        `check:forge: feature gates asked (all off offline): ${report.gatesAsked.join(', ') || 'none'}`,
      );
      return report.problems.map((p) => `packaging: ${p}`);
    }
    case 'lint': {
      console.log("check:forge: @forge/lint's client-side rules");
      const report = await (await import('./check-lint')).checkLint();
      console.log(`check:forge: the linter parsed ${report.parsed} of ${report.sourceFiles} source files`);
      return report.problems.map((p) => `lint: ${p}`);
    }
    case 'scopes': {
      console.log(
        "check:forge: every Jira endpoint of jira-endpoints.ts through the linter's permission verifier",
      );
      const report = await (await import('./check-jira-scopes')).checkJiraScopes();
      console.log(`check:forge: ${report.checked} endpoints checked against manifest.yml's scopes`);
      return report.problems.map((p) => `scopes: ${p}`);
    }
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const failures: string[] = [];
  for (const part of partsToRun(process.argv.slice(2))) {
    const partStarted = Date.now();
    const problems = await runPart(part);
    console.log(
      `check:forge: ${part}: ${problems.length} problem(s) in ${Math.round((Date.now() - partStarted) / 1000)} s`,
    );
    failures.push(...problems);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const peakMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (failures.length > 0) {
    console.error(
      `check:forge: FAILED after ${seconds} s (peak RSS ${peakMiB} MiB), ${failures.length} problem(s):`,
    );
    for (const failure of failures) console.error(`  - ${failure}`);
    return 1;
  }
  console.log(`check:forge: passed in ${seconds} s (peak RSS ${peakMiB} MiB)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('check:forge: crashed', error);
    process.exit(2);
  },
);
