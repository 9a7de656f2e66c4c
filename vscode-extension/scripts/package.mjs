// Packages one platform-specific .vsix per VS Code target, each with the NativeAOT lspgen in server/
// (no .NET runtime needed on the user's machine): dotnet publish for the target's .NET RID, esbuild,
// then `vsce package --target`.
//
// Usage: node scripts/package.mjs [TARGET...] [-- EXTRA DOTNET PUBLISH ARGUMENTS]
//   TARGET: a VS Code target (linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64, …);
//   default: this machine's. Writes lspgen-<target>-<version>.vsix here.
//
// NativeAOT compiles for the OS it runs on only, and for another CPU only with that CPU's cross
// toolchain, so a target this machine cannot build fails up front with what is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** VS Code target → .NET runtime identifier. */
export const RIDS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'alpine-x64': 'linux-musl-x64',
  'alpine-arm64': 'linux-musl-arm64',
  'darwin-x64': 'osx-x64',
  'darwin-arm64': 'osx-arm64',
  'win32-x64': 'win-x64',
  'win32-arm64': 'win-arm64',
};

const OS_OF_TARGET = { linux: 'linux', alpine: 'linux', darwin: 'darwin', win32: 'win32' };

/** This machine's VS Code target (the default). */
export function hostTarget() {
  return `${process.platform}-${process.arch}`;
}

/** Why this machine cannot build `target`, or undefined when it can. */
export function missingToolchain(target, has = onPath) {
  const [os, arch] = target.split('-');
  if (!(target in RIDS)) return `unknown target "${target}"; known: ${Object.keys(RIDS).join(', ')}`;
  const [hostOs, hostArch] = hostTarget().split('-');
  if (OS_OF_TARGET[os] !== hostOs) {
    return `${target} needs a ${OS_OF_TARGET[os]} machine: NativeAOT does not compile across operating systems (this is ${hostOs}-${hostArch})`;
  }
  if (os === 'alpine' && !fs.existsSync('/etc/alpine-release')) {
    return `${target} needs an Alpine (musl) machine or container; this ${hostOs} is not one`;
  }
  if (!has('clang') && !has('gcc')) return `${target} needs clang or gcc (the native linker NativeAOT uses); install clang`;
  if (hostOs === 'linux' && arch !== hostArch) {
    const triple = { arm64: 'aarch64-linux-gnu', x64: 'x86_64-linux-gnu' }[arch];
    if (!triple || !has(`${triple}-objcopy`) || !fs.existsSync(`/usr/${triple}/lib`)) {
      return `${target} needs the ${arch} cross toolchain on this ${hostArch} machine (clang, lld, ${triple}-objcopy and a sysroot for ${triple}; on Debian: apt-get install clang lld binutils-${triple} gcc-${triple} libc6-dev-${arch === 'arm64' ? 'arm64' : 'amd64'}-cross)`;
    }
  }
  return undefined;
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some(dir => dir && fs.existsSync(path.join(dir, command)));
}

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed (exit ${result.status ?? result.signal})`);
}

function main(argv) {
  const split = argv.indexOf('--');
  const targets = (split < 0 ? argv : argv.slice(0, split));
  const extra = split < 0 ? [] : argv.slice(split + 1);
  if (targets.length === 0) targets.push(hostTarget());
  const problems = targets.map(t => [t, missingToolchain(t)]).filter(([, why]) => why);
  if (problems.length > 0) {
    for (const [target, why] of problems) console.error(`cannot package ${target}: ${why}`);
    process.exit(1);
  }

  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  // npm workspaces hoist vsce to the repository's node_modules.
  const vsce = [path.join(ROOT, 'node_modules', '.bin', 'vsce'), path.join(ROOT, '..', 'node_modules', '.bin', 'vsce')].find(f => fs.existsSync(f)) ?? 'vsce';
  run(process.execPath, ['scripts/build.mjs', '--production']);
  for (const target of targets) {
    fs.rmSync(path.join(ROOT, 'server'), { recursive: true, force: true });
    run('dotnet', ['publish', '../server/LspGen.Cli', '-c', 'Release', '-r', RIDS[target], '-p:PublishAot=true', '-o', 'server', ...extra]);
    const binary = path.join(ROOT, 'server', target.startsWith('win32') ? 'lspgen.exe' : 'lspgen');
    if (!fs.existsSync(binary)) throw new Error(`dotnet publish did not produce ${binary}`);
    const out = `lspgen-${target}-${version}.vsix`;
    run(vsce, ['package', '--no-dependencies', '--target', target, '--out', out]);
    console.log(`packaged ${out} (${Math.round(fs.statSync(path.join(ROOT, out)).size / 1024)} KiB)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`package: ${error.message}`);
    process.exit(1);
  }
}
