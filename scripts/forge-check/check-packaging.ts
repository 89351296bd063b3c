/**
 * Packaging as `forge deploy` does it, with forge deploy's own classes wired as the CLI wires them
 * (@forge/cli 13.3.0, out/command-line/dependency-injection.js and deploy-controller.js):
 * PackageUploadDeployCommand → AppPackager(RuntimeBundler, NativeUIBundler) → ResourcePackagingService.
 * Only the network edges are stand-ins: the archive uploader and the deployer (which record what they are
 * handed), analytics, feature gates, and the runtime wrapper the bundler would download from Atlassian's CDN
 * (a placeholder script, since the real one is added by Atlassian and is not the app's code).
 */
import { existsSync, statSync } from 'node:fs';
import { forgeModule, offlineFeatureGates, RecordingLogger, type ForgeLogger } from './forge-tools';

interface Resource {
  key: string;
  path: string;
  resourceType?: string;
}
interface ConfigFile {
  getAppHandlers(): Promise<unknown[]>;
  getResources(): Promise<Resource[]>;
  readConfig(): Promise<{ modules?: unknown; translations?: unknown; app?: { package?: unknown } }>;
}
interface CliShared {
  ConfigFile: new (reader: unknown, writer: unknown) => ConfigFile;
  FileSystemReader: new () => unknown;
  FileSystemWriter: new () => unknown;
  I18nResourceBundlingService: new () => unknown;
  BridgeScriptService: new () => unknown;
  IframeResizerScriptService: new () => unknown;
}
interface Bundler {
  getNodeBundler(logger: ForgeLogger, wrapperProvider: unknown, config: ConfigFile, gates: object): unknown;
  NativeUIBundler: new (logger: ForgeLogger) => unknown;
}
interface Deploy {
  AppPackager: new (runtime: unknown, nativeUi: unknown, logger: ForgeLogger, analytics: unknown) => unknown;
  PackageUploadDeployCommand: new (
    packager: unknown,
    uploader: unknown,
    deployer: unknown,
    resourcePackaging: unknown,
    i18n: unknown,
    gates: object,
  ) => { execute(details: Record<string, unknown>): Promise<unknown> };
  makeArchiver(logger: ForgeLogger): Promise<unknown>;
}
interface RuntimeBundlerModule {
  RuntimeBundler: new (
    archiver: () => Promise<unknown>,
    logger: ForgeLogger,
    bundler: unknown,
    reader: unknown,
    config: ConfigFile,
  ) => unknown;
}
interface ResourcePackagingModule {
  ResourcePackagingService: new (
    archiver: () => Promise<unknown>,
    reader: unknown,
    appDir: string,
    bridge: unknown,
    resizer: unknown,
  ) => unknown;
}
interface ZipArchive {
  path: string;
  sizeBytes: number;
}
interface AdmZip {
  getEntries(): { entryName: string }[];
}

export interface PackagingReport {
  problems: string[];
  runtimeArchive?: ZipArchive & { entries: string[] };
  resourceArchives: Record<string, ZipArchive & { entries: string[] }>;
  deployed: boolean;
  gatesAsked: string[];
  /**
   * Files the bundler's analytics metadata (imports and SDK calls, reported to Atlassian) could not read.
   * Not a failure: the CLI logs it at debug level only, and the UI Kit bundler asks with an empty app
   * directory (nativeui.js, `appDirectory: ''`), so every UI Kit file fails with `realpath ''` whatever the app.
   */
  metadataErrors: number;
}

/** What the offline uploader was handed: the archives `forge deploy` would upload. */
interface Uploaded {
  runtimeArchivePath?: string;
  resourceArchives?: Record<string, { zipPath: string }>;
}

export async function checkPackaging(): Promise<PackagingReport> {
  const shared = forgeModule<CliShared>('@forge/cli-shared');
  const bundler = forgeModule<Bundler>('@forge/bundler');
  const deploy = forgeModule<Deploy>('@forge/cli/out/deploy');
  const { RuntimeBundler } = forgeModule<RuntimeBundlerModule>(
    '@forge/cli/out/deploy/packager/runtime-bundler',
  );
  const { ResourcePackagingService } = forgeModule<ResourcePackagingModule>(
    '@forge/cli/out/service/resource-packaging-service',
  );
  const AdmZipClass = forgeModule<new (path: string) => AdmZip>('adm-zip');

  const logger = new RecordingLogger('[package]');
  const gatesAsked = new Set<string>();
  const gates = offlineFeatureGates(gatesAsked);
  const fileReader = new shared.FileSystemReader();
  const configFile = new shared.ConfigFile(fileReader, new shared.FileSystemWriter());
  const archiverFactory = (): Promise<unknown> => deploy.makeArchiver(logger);

  const uploaded: Uploaded = {};
  const progress = { deployed: false };
  let metadataErrors = 0;
  const offlineUploader = {
    uploadArchive: (archivePath: string): Promise<string> => {
      uploaded.runtimeArchivePath = archivePath;
      return Promise.resolve('offline://runtime-archive');
    },
    uploadHostedResources: (archives: Record<string, { zipPath: string }>): Promise<string> => {
      uploaded.resourceArchives = archives;
      return Promise.resolve('offline-hosted-resources');
    },
    uploadCombinedArtifact: (): Promise<never> =>
      Promise.reject(
        new Error('combined artifact upload is gated off offline; the check expects separate uploads'),
      ),
  };
  const offlineDeployer = {
    deploy: (): Promise<void> => {
      progress.deployed = true;
      return Promise.resolve();
    },
  };
  const offlineAnalytics = {
    reportAppPackaged: (metadata: { errors?: number }): Promise<void> => {
      metadataErrors = metadata.errors ?? 0;
      return Promise.resolve();
    },
  };
  const runtimeWrapper = {
    script:
      '/* offline stand-in for the Forge runtime wrapper, which forge deploy downloads from Atlassian */',
    source: 'offline',
    version: 'offline',
  };
  const offlineWrapperProvider = {
    getNodeRuntimeWrapper: () => Promise.resolve(runtimeWrapper),
    getNodeRuntimeLoader: () => Promise.resolve(undefined),
  };

  const nodeBundle = bundler.getNodeBundler(logger, offlineWrapperProvider, configFile, gates);
  const runtimeBundler = new RuntimeBundler(archiverFactory, logger, nodeBundle, fileReader, configFile);
  const appPackager = new deploy.AppPackager(
    runtimeBundler,
    new bundler.NativeUIBundler(logger),
    logger,
    offlineAnalytics,
  );
  const resourcePackaging = new ResourcePackagingService(
    archiverFactory,
    fileReader,
    process.cwd(),
    new shared.BridgeScriptService(),
    new shared.IframeResizerScriptService(),
  );
  const command = new deploy.PackageUploadDeployCommand(
    appPackager,
    offlineUploader,
    offlineDeployer,
    resourcePackaging,
    new shared.I18nResourceBundlingService(),
    gates,
  );

  // The details DeployController.execute hands the command (deploy-controller.js), for `-e production`.
  const config = await configFile.readConfig();
  const resources = await configFile.getResources();
  const problems: string[] = [];
  try {
    await command.execute({
      handlers: await configFile.getAppHandlers(),
      resources,
      environmentKey: 'production',
      environmentType: 'PRODUCTION',
      packageConfig: config.app?.package,
      modules: config.modules,
      i18nConfig: config.translations,
    });
  } catch (error) {
    problems.push(`packaging failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  problems.push(...logger.errors.map((e) => `error: ${e}`), ...logger.warnings.map((w) => `warning: ${w}`));

  const describe = (zipPath: string): ZipArchive & { entries: string[] } => ({
    path: zipPath,
    sizeBytes: statSync(zipPath).size,
    entries: new AdmZipClass(zipPath).getEntries().map((e) => e.entryName),
  });
  const report: PackagingReport = {
    problems,
    resourceArchives: {},
    deployed: progress.deployed,
    gatesAsked: [...gatesAsked],
    metadataErrors,
  };
  if (problems.length === 0) {
    if (!uploaded.runtimeArchivePath || !existsSync(uploaded.runtimeArchivePath)) {
      problems.push('no runtime archive reached the uploader');
    } else {
      report.runtimeArchive = describe(uploaded.runtimeArchivePath);
      for (const needed of ['index.cjs', 'manifest.yml', '__forge__.cjs']) {
        if (!report.runtimeArchive.entries.includes(needed))
          problems.push(`the runtime archive lacks ${needed}`);
      }
    }
    for (const resource of resources) {
      const archive = uploaded.resourceArchives?.[resource.key];
      if (!archive)
        problems.push(`resource ${resource.key} (${resource.path}) reached the uploader unpackaged`);
      else report.resourceArchives[resource.key] = describe(archive.zipPath);
    }
    if (!progress.deployed) problems.push('the deploy step was never reached');
  }
  return report;
}
