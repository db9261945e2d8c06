// Boot loaders written into disk images without mounts and without touching host devices.
export { renderGrubConfig, GRUB_LOADING_LINE, GRUB_FAILED_LINE, type GrubConfigInput } from './grub-config.js';
export { grubModules, makeGrubImage, GRUB_PLATFORMS, type GrubPlatform, type GrubImageOptions } from './grub-image.js';
export { installGrubBios, type InstallGrubBiosOptions, type InstalledGrubBios } from './install-grub-bios.js';
export { installGrubEfi, EFI_FALLBACK_LOADER, type InstallGrubEfiOptions } from './install-grub-efi.js';
export { prepareOvmfVars, OVMF_CODE, OVMF_VARS_TEMPLATE } from './ovmf-vars.js';
