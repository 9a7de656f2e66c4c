// scripts/package.mjs: which VS Code targets map to which .NET RIDs, and which targets this machine
// refuses before publishing anything. The tests run on Linux x64, as CI does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RIDS, hostTarget, missingToolchain } from '../scripts/package.mjs';

const everything = () => true;
const nothing = () => false;

test('the tests run where CI runs them: linux-x64', () => {
  assert.equal(hostTarget(), 'linux-x64');
});

test('every VS Code target maps to its .NET runtime identifier', () => {
  assert.deepEqual(RIDS, {
    'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64', 'alpine-x64': 'linux-musl-x64', 'alpine-arm64': 'linux-musl-arm64',
    'darwin-x64': 'osx-x64', 'darwin-arm64': 'osx-arm64', 'win32-x64': 'win-x64', 'win32-arm64': 'win-arm64',
  });
});

test('this machine\'s own target builds with a C toolchain, and says what is missing without one', () => {
  assert.equal(missingToolchain('linux-x64', everything), undefined);
  assert.match(missingToolchain('linux-x64', nothing), /needs clang or gcc/);
});

test('another operating system is refused: NativeAOT does not cross-compile between them', () => {
  for (const target of ['darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64']) {
    assert.match(missingToolchain(target, everything), new RegExp(`^${target} needs a (darwin|win32) machine: NativeAOT does not compile across operating systems`));
  }
});

test('another CPU needs its cross toolchain, named with the Debian packages', () => {
  assert.match(missingToolchain('linux-arm64', command => command === 'clang'), /linux-arm64 needs the arm64 cross toolchain .*aarch64-linux-gnu-objcopy.*binutils-aarch64-linux-gnu/);
});

test('an unknown target lists the known ones', () => {
  assert.match(missingToolchain('linux-riscv64', everything), /unknown target "linux-riscv64"; known: linux-x64, linux-arm64/);
});
