// The reference guest: builder, install, boot, generalize, and the probe report protocol.
export { buildGuest, type BuildGuestOptions, type GuestTree } from './build-guest.js';
export { installGuest, type InstallGuestInput, type InstallOptions } from './install-guest.js';
export { bootGuest, type BootGuestInput, type BootOutcome } from './boot-guest.js';
export { checkGeneralized, generalizeGuest, type GeneralizeGuestInput } from './generalize-guest.js';
export { buildKernelAppend, sidChangers, type AppendOptions, type PinnedMac, type SidChanger } from './kernel-append.js';
export { parseProbeLines, MAX_LINE_CHARS, type MalformedLine, type ProbeParse } from './parse-probe-lines.js';
export { probeReportSchema, probeLineSchema, PROBE_SCHEMA_VERSION, type ProbeReport, type ProbeDevice, type ProbeNic, type ProbeLine } from './probe-schema.js';
export { summarizeReport, type ReportSummary } from './summarize-report.js';
