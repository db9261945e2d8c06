// A fake mmdebstrap on PATH for unit tests: `--version` prints the version in $FAKE_MMDEBSTRAP_VERSION,
// a build writes a small root tarball with the kernel release of the .deb named in --include.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SCRIPT = `#!/bin/sh
set -e
if [ "$1" = "--version" ]; then echo "mmdebstrap \${FAKE_MMDEBSTRAP_VERSION:-1.3.5}"; exit 0; fi
echo "$*" >> "$FAKE_MMDEBSTRAP_CALLS"
if [ -n "$FAKE_MMDEBSTRAP_SLEEP" ]; then echo "I: downloading packages with apt..." >&2; exec sleep "$FAKE_MMDEBSTRAP_SLEEP"; fi
if [ -n "$FAKE_MMDEBSTRAP_FAIL" ]; then echo "I: downloading packages with apt..." >&2; echo "E: apt-get download failed" >&2; exit 1; fi
for arg in "$@"; do out="$arg"; case "$arg" in --include=*) include="$arg";; esac; done
release=$(echo "$include" | sed -n 's/.*linux-image-\\([^_]*-amd64\\)_.*/\\1/p')
root=$(mktemp -d)
mkdir -p "$root/boot" "$root/etc" "$root/usr/bin"
echo kernel > "$root/boot/vmlinuz-$release"
echo initrd > "$root/boot/initrd.img-$release"
echo debian > "$root/etc/hostname"
: > "$root/etc/machine-id"
echo '#!/bin/sh' > "$root/usr/bin/su" && chmod 4755 "$root/usr/bin/su"
echo "I: creating tarball..." >&2
tar --numeric-owner -cf "$out" -C "$root" .
rm -rf "$root"
`;

/** Puts a fake `mmdebstrap` first on PATH and a fake kernel .deb in the cache; returns the calls log. */
export async function installFakeMmdebstrap(scratch: string, cacheDir: string, release = '6.1.0-99-amd64'): Promise<string> {
  const bin = path.join(scratch, 'bin');
  await mkdir(bin, { recursive: true });
  await writeFile(path.join(bin, 'mmdebstrap'), SCRIPT);
  await chmod(path.join(bin, 'mmdebstrap'), 0o755);
  await mkdir(path.join(cacheDir, 'kernel'), { recursive: true });
  await writeFile(path.join(cacheDir, 'kernel', `linux-image-${release}_6.1.999-1_amd64.deb`), 'not a real deb');
  process.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
  const calls = path.join(scratch, 'calls.log');
  process.env.FAKE_MMDEBSTRAP_CALLS = calls;
  return calls;
}
