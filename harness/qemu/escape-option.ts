/**
 * Escapes a value inside a QEMU `key=value,…` option (`-drive`, `-chardev`, qemu-img's
 * `--image-opts`): a comma is written twice.
 * @example escapeOption('/tmp/a,b.img') // '/tmp/a,,b.img'
 */
export function escapeOption(value: string): string {
  return value.replaceAll(',', ',,');
}
