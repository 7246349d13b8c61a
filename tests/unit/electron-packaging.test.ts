/**
 * The packaging config (electron-builder.yml), checked where Electron's binary cannot be
 * downloaded: loaded, validated and file-matched by electron-builder's own code, without packing.
 */
import { readdirSync, readFileSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { DebugLogger } from 'builder-util';
import type { Configuration, TargetConfigType } from 'electron-builder';
import { beforeAll, describe, expect, test } from 'vitest';

const projectDir = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BINDING = 'better-sqlite3-multiple-ciphers';

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(projectDir, null, null);
});

function targetNames(target: TargetConfigType | undefined): string[] {
  if (target == null) return [];
  const list = Array.isArray(target) ? target : [target];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target));
}

const fileStat = { isDirectory: () => false, isFile: () => true } as Stats;

/** electron-builder's own matcher for `files` or `asarUnpack`, as the packer builds it. */
function matcher(name: 'files' | 'asarUnpack'): (relativePath: string) => boolean {
  const matchers = getFileMatchers(config, name, '/packed', {
    macroExpander: (pattern) => pattern,
    customBuildOptions: {},
    globalOutDir: join(projectDir, config.directories?.output ?? 'dist'),
    defaultSrc: projectDir,
  });
  const filter = matchers?.[0]?.createFilter();
  if (!filter) throw new Error(`no ${name} patterns`);
  return (relativePath) => filter(join(projectDir, relativePath), fileStat);
}

/** node_modules get only the exclusions of `files`, after an implicit `**\/*` (getNodeModuleFileMatcher). */
function nodeModulesMatcher(): (relativePath: string) => boolean {
  const exclusions = (config.files as Array<string | { filter?: string | string[] }>)
    .flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()))
    .filter((pattern) => pattern.startsWith('!'));
  const packed = { ...config, files: ['**/*', ...exclusions] };
  const matchers = getFileMatchers(packed, 'files', '/packed', {
    macroExpander: (pattern) => pattern,
    customBuildOptions: {},
    globalOutDir: join(projectDir, 'unused-out-dir'),
    defaultSrc: projectDir,
  });
  const filter = matchers?.[0]?.createFilter();
  if (!filter) throw new Error('no node_modules patterns');
  return (relativePath) => filter(join(projectDir, relativePath), fileStat);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder config', () => {
  test("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  test('the validation is real: a misspelt fuse is refused', async () => {
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });

  test('targets: Windows nsis, Linux AppImage, macOS dmg', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  test('fuses: no running as Node, no NODE_OPTIONS, no --inspect; only the app.asar, integrity-checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('asar on; every SQLCipher binary unpacked from it, and nothing else of the binding', () => {
    // An options object turns asar on; smartUnpack would unpack the binding's JavaScript too.
    expect(config.asar).toEqual({ smartUnpack: false });
    const unpacked = matcher('asarUnpack');
    const binaries = readdirSync(join(projectDir, 'node_modules', BINDING, 'prebuilds')).filter((name) => name.endsWith('.node'));
    expect(binaries.length).toBeGreaterThanOrEqual(6);
    for (const binary of binaries) expect(unpacked(`node_modules/${BINDING}/prebuilds/${binary}`), binary).toBe(true);
    expect(unpacked(`node_modules/${BINDING}/lib/index.js`)).toBe(false);
    expect(unpacked('out/main/index.js')).toBe(false);
  });

  test('no native rebuild: the binding ships Node-API binaries for every platform', () => {
    expect(config.npmRebuild).toBe(false);
    expect(packageJson.dependencies[BINDING]).toBeDefined();
  });

  test('the app is the build output only: no sources, tests, benchmarks, source maps or earlier packages', () => {
    const included = matcher('files');
    expect(packageJson.main).toBe('out/main/index.js');
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc123.js']) {
      expect(included(file), file).toBe(true);
    }
    for (const file of [
      'out/main/index.js.map',
      'out/renderer/assets/index-abc123.js.map',
      'out/packages/Reception Intake Setup 0.1.0.exe',
      'out/packages/linux-unpacked/resources/app.asar',
      'src/main/electron/main.ts',
      'tests/unit/electron-packaging.test.ts',
      'bench/people.ts',
      'bench/results/people.json',
      'scripts/start-electron.mjs',
      'resources/icon.png',
      'docs/electron-security.md',
      'README.md',
      'electron.vite.config.ts',
    ]) {
      expect(included(file), file).toBe(false);
    }
  });

  test("production dependencies keep what main loads at run time, without the binding's C sources", () => {
    const kept = nodeModulesMatcher();
    for (const file of [
      `node_modules/${BINDING}/lib/index.js`,
      `node_modules/${BINDING}/prebuilds/win32-x64.node`,
      // The statistics report embeds the bundled fonts, read from node_modules at run time.
      'node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2',
    ]) {
      expect(kept(file), file).toBe(true);
    }
    for (const file of [`node_modules/${BINDING}/deps/sqlite3/sqlite3.c`, `node_modules/${BINDING}/src/better_sqlite3.cpp`, `node_modules/${BINDING}/binding.gyp`]) {
      expect(kept(file), file).toBe(false);
    }
  });

  test('offline: nothing is published, and uninstalling keeps the data folder', () => {
    expect(config.publish).toBeNull();
    // NSIS would delete %APPDATA%\reception-intake, the package name and the data folder.
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  test('npm run package builds, then packs; electron-builder is a development dependency', () => {
    expect(packageJson.scripts.package).toMatch(/^electron-vite build && electron-builder\b/);
    expect(packageJson.devDependencies['electron-builder']).toBeDefined();
    expect(packageJson.dependencies['electron-builder']).toBeUndefined();
    expect(packageJson.dependencies.electron).toBeUndefined();
  });
});

describe('icons', () => {
  test('build resources live in resources/', () => {
    expect(config.directories?.buildResources).toBe('resources');
  });

  test('Windows: an .ico holding a 256 px image', () => {
    const bytes = readFileSync(join(projectDir, String(config.win?.icon)));
    expect(bytes.readUInt16LE(2)).toBe(1); // type 1: icon
    const count = bytes.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => bytes.readUInt8(6 + i * 16) || 256); // 0 means 256
    expect(widths).toContain(256);
    expect(widths).toContain(16);
  });

  test('macOS: an .icns file', () => {
    const bytes = readFileSync(join(projectDir, String(config.mac?.icon)));
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  });

  test('Linux: a folder of square PNGs named by their size, up to 512 px', () => {
    const dir = join(projectDir, String(config.linux?.icon));
    const names = readdirSync(dir);
    expect(names).toContain('512x512.png');
    for (const name of names) {
      const size = /^(\d+)x\1\.png$/.exec(name);
      expect(size, name).not.toBeNull();
      expect(pngSize(join(dir, name))).toEqual([Number(size?.[1]), Number(size?.[1])]);
    }
  });

  test('the 1024 px master PNG and its SVG source are checked in', () => {
    expect(pngSize(join(projectDir, 'resources/icon.png'))).toEqual([1024, 1024]);
    expect(readFileSync(join(projectDir, 'resources/icon.svg'), 'utf8')).toContain('<svg');
  });
});
