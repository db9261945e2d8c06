// The layer rule of clonelab, checked by `npm run lint` (dependency-cruiser). Imports point down
// only; README "Layout" draws the same picture.
//
//   cli ─────────┬──────────────┬───────────────┐        the composition root: nothing imports it
//                ↓              ↓               ↓
//            scenarios       reports            │
//                │              │               │
//                ↓              ↓               ↓
//          harness/spec   harness/results,   harness ──→ machines (typed data, imports nothing)
//                         harness/errors
//
// Inside harness/, each folder imports only folders of lower rows (and machines/):
//
//   bisect       `clonelab bisect`: the search for the smallest breaking hardware change, its rounds
//   run          runs a plan: the lifecycles, results.json, the reporter hooks
//   lifecycle    one scenario's state machine and its steps
//   results      the versioned result types, the reporter interface, the serializer
//   checks       predicates over probe reports, images and volumes
//   plan         scenarios × hardware models, sharding
//   spec         what a scenario may say: schema, validation, failure names, check ids
//   guest · windows
//                the reference guest: build, install, boot, generalize, its agent's report ·
//                Windows images read offline: hives out of WIMs, NTFS disks and folders, identity,
//                drivers, the STOP 0x7B prediction (`clonelab inspect`)
//   imaging      capture and apply (sector, used-blocks, file/WIM, overlay)
//   disks        disk files, partition tables, FAT and NTFS volumes
//   qemu         QEMU: argv, the VM runner, QMP, acceleration and confinement probes
//   teardown · host · hardware · probe
//                cleanup stack · host tools and files · model names · the common probe report
//   errors       the error roots and the phases they name
//
// bench/ and test/ sit on top and may import the product; the product never imports them.
// Any import cycle is an error.

/** harness/ folders, bottom row first. A folder imports only folders of lower rows. */
const HARNESS_ROWS = [
  ['errors'],
  ['teardown', 'host', 'hardware', 'probe'],
  ['qemu'],
  ['disks'],
  ['imaging', 'bootloaders'],
  ['guest', 'debian', 'windows'],
  ['profiles'],
  ['spec'],
  ['plan'],
  ['checks'],
  ['results'],
  ['lifecycle'],
  ['run'],
  ['bisect'],
];
const HARNESS_FOLDERS = HARNESS_ROWS.flat();
const anyOf = (folders) => `^harness/(${folders.join('|')})/`;

const harnessRowRules = HARNESS_ROWS.flatMap((row, index) => row.map((folder) => {
  const below = HARNESS_ROWS.slice(0, index).flat();
  const forbidden = [...HARNESS_ROWS.slice(index + 1).flat(), ...row.filter((other) => other !== folder)];
  return {
    name: `harness-${folder}-points-down`,
    severity: 'error',
    comment: `harness/${folder}/ may import ${below.length > 0 ? `harness/{${below.join(',')}}/ and ` : ''}machines/ only: move what both sides need to a lower folder.`,
    from: { path: `^harness/${folder}/` },
    to: { path: anyOf(forbidden) },
  };
})).filter((rule) => rule.to.path !== '^harness/()/');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: split the shared part into a lower module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'machines-is-the-bottom',
      severity: 'error',
      comment: 'machines/ is typed data and its validation; it imports no other layer.',
      from: { path: '^machines/' },
      to: { path: '^(harness|scenarios|reports)/' },
    },
    {
      name: 'harness-points-down',
      severity: 'error',
      comment: 'harness/ may import machines/ only: scenarios, reports and the CLI sit above it.',
      from: { path: '^harness/' },
      to: { path: '^(scenarios|reports)/' },
    },
    {
      name: 'harness-folder-has-a-row',
      severity: 'error',
      comment: 'Every harness/ folder has its row in HARNESS_ROWS (.dependency-cruiser.cjs): add the new folder where it belongs.',
      from: { path: '^harness/', pathNot: anyOf(HARNESS_FOLDERS) },
      to: {},
    },
    {
      name: 'harness-folder-has-a-row-target',
      severity: 'error',
      comment: 'Every harness/ folder has its row in HARNESS_ROWS (.dependency-cruiser.cjs): add the new folder where it belongs.',
      from: {},
      to: { path: '^harness/', pathNot: anyOf(HARNESS_FOLDERS) },
    },
    ...harnessRowRules,
    {
      name: 'scenarios-read-the-spec',
      severity: 'error',
      comment: 'scenarios/ (the DSL and the library) may import harness/spec/ and machines/ only.',
      from: { path: '^scenarios/' },
      to: { path: '^(harness/(?!spec/)|reports/)' },
    },
    {
      name: 'reports-read-results-only',
      severity: 'error',
      comment: 'reports/ read the versioned results file: harness/results/ (and the error roots of harness/errors/), nothing else of the product.',
      from: { path: '^reports/' },
      to: { path: '^(harness/(?!(results|errors)/)|machines/|scenarios/)' },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'cli/ is the composition root: only tests (and benchmarks) import it.',
      from: { path: '^(harness|machines|scenarios|reports)/' },
      to: { path: '^cli/' },
    },
    {
      name: 'product-not-on-bench-or-tests',
      severity: 'error',
      comment: 'bench/ and test/ import the product, never the other way round; bench does not import tests.',
      from: { path: '^(harness|machines|scenarios|reports|cli|ci|guest|bench)/' },
      to: { path: '^test/' },
    },
    {
      name: 'product-not-on-bench',
      severity: 'error',
      comment: 'The product never imports a benchmark.',
      from: { path: '^(harness|machines|scenarios|reports|cli)/' },
      to: { path: '^bench/' },
    },
    {
      name: 'product-not-on-dev-dependencies',
      severity: 'error',
      comment: 'What the product imports must be a runtime dependency.',
      from: { path: '^(harness|machines|scenarios|reports|cli)/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
