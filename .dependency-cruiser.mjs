// @ts-check
/**
 * The import direction of docs/architecture.md ("Layout"), checked by `npm run check` (decision 0023):
 * contracts → platform → exchange port → adapters (exchange/bitmart, simulator) → roles (ws-worker,
 * trading-app) → cli. An import that points the wrong way fails the check and names the rule below.
 * Type-only imports count: a type couples the layers as much as a value does. Composition roots
 * pick concrete adapters: each role's main.ts, everything in src/cli/ (every command is a small
 * program that wires what it needs) and src/backtest/ (the roles on a replay venue), so no rule
 * restricts what those two import. Blessed breaks say why beside them.
 */

const TESTS = '[.]test[.]ts$';
const ROLES = '^src/(ws-worker|trading-app)/';
const ADAPTERS = '^src/(exchange/bitmart|exchange/okx|exchange/venues|simulator)/';

/**
 * What the simulator may take from BitMart's adapter besides `exchange/bitmart/protocol` (the same
 * protocol from the other side). One line each: why the import stands.
 */
const SIMULATOR_ALSO_REUSES = [
  // the engine keeps BitMart's flow_type codes: its port adapter reuses the one flow ⇄ ledger-kind table, not a copy
  '^src/exchange/bitmart/mapping/restLedger[.]ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'contracts-are-the-bottom',
      comment: 'contracts/ are zod schemas the roles share: they import nothing else of ours',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
    {
      name: 'platform-below-exchange',
      comment: 'platform/ (clock, decimal, config, errors, logging, http) knows no venue and no role',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/(contracts|platform)/' },
    },
    {
      name: 'port-below-adapters',
      comment:
        'the exchange port, the follow-up over it, the server-time offset, the REST answer rules and the stream core are venue-neutral: no adapter, no role',
      severity: 'error',
      from: { path: '^src/exchange/(port|followUp|serverTime|rest|streams)/' },
      to: { path: '^src/(exchange/bitmart|exchange/okx|ws-worker|trading-app|cli)/' },
    },
    {
      name: 'port-below-simulator',
      comment:
        'venue-neutral code never depends on the simulator; its tests may (blessed: the simulator is the one exchange stand-in tests use)',
      severity: 'error',
      from: { path: '^src/exchange/(port|followUp|serverTime|rest|streams)/', pathNot: TESTS },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'adapters-below-roles',
      comment: 'an adapter serves the port; the roles and the cli sit above it',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: '^src/(ws-worker|trading-app|cli)/' },
    },
    {
      name: 'bitmart-knows-no-simulator',
      comment: "BitMart's adapter talks to a venue over the wire; which venue is the composition root's choice",
      severity: 'error',
      from: { path: '^src/exchange/bitmart/' },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'okx-knows-no-simulator',
      comment: "OKX's adapter talks to a venue over the wire; which venue is the composition root's choice",
      severity: 'error',
      from: { path: '^src/exchange/okx/' },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'okx-reuses-only-venue-neutral-bitmart-streams',
      comment:
        "blessed (decision 0028): the closed-candle series and the closed-range fetch are venue-neutral but live in BitMart's adapter (the status relay and the listener list moved to exchange/streams/; their old paths re-export them for the OKX market stream until it imports them from there); nothing else of BitMart's",
      severity: 'error',
      from: { path: '^src/exchange/okx/' },
      to: {
        path: '^src/exchange/bitmart/',
        pathNot: [
          '^src/exchange/bitmart/streams/(ClosedCandleSeries|fetchClosedRange|StreamStatusRelay)[.]ts$',
          '^src/exchange/bitmart/ws/Listeners[.]ts$',
        ],
      },
    },
    {
      name: 'simulator-reuses-only-protocol',
      comment: "the simulator speaks BitMart's protocol from the other side: codes, signing, wire schemas",
      severity: 'error',
      from: { path: '^src/simulator/', pathNot: TESTS },
      to: { path: '^src/exchange/bitmart/', pathNot: ['^src/exchange/bitmart/protocol/', ...SIMULATOR_ALSO_REUSES] },
    },
    {
      name: 'simulator-reuses-only-okx-protocol',
      comment:
        "the simulator's OKX face speaks OKX's protocol from the other side (decision 0027), never the OKX client",
      severity: 'error',
      from: { path: '^src/simulator/' },
      to: { path: '^src/exchange/okx/', pathNot: '^src/exchange/okx/(protocol|fixtures)/' },
    },
    {
      name: 'simulator-tests-reuse-protocol-and-fixtures',
      comment: "the simulator's conformance tests replay BitMart's recorded payloads (exchange/bitmart/fixtures)",
      severity: 'error',
      from: { path: `^src/simulator/.*${TESTS}` },
      to: {
        path: '^src/exchange/bitmart/',
        pathNot: ['^src/exchange/bitmart/(protocol|fixtures)/', ...SIMULATOR_ALSO_REUSES],
      },
    },
    {
      name: 'roles-do-not-import-each-other',
      comment: 'the ws-worker and the trading-app talk over HTTP with contracts/signals and contracts/api',
      severity: 'error',
      from: { path: ROLES },
      to: { path: ROLES, pathNot: '^src/$1/' },
    },
    {
      name: 'roles-below-cli',
      comment: 'the cli composes the roles; a role never reaches back into it',
      severity: 'error',
      from: { path: ROLES },
      to: { path: '^src/cli/' },
    },
    {
      name: 'only-composition-roots-pick-adapters',
      comment:
        "a role works on the port; its main.ts (and the cli's commands, composition roots too) picks BitMart or the simulator",
      severity: 'error',
      from: { path: ROLES, pathNot: '^src/(ws-worker|trading-app)/main[.]ts$' },
      to: { path: ADAPTERS },
    },
    {
      name: 'dashboard-client-runs-in-the-browser',
      comment:
        'the dashboard client is bundled for the browser (decision 0025): it reads the public JSON API, never the server code',
      severity: 'error',
      from: { path: '^src/trading-app/dashboard/client/' },
      to: { path: '^src/', pathNot: '^src/trading-app/dashboard/client/' },
    },
    {
      name: 'server-never-imports-the-client',
      comment:
        'the client is bundled by esbuild from its entry file, not imported: its browser globals stay out of Node',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/trading-app/dashboard/client/' },
      to: { path: '^src/trading-app/dashboard/client/' },
    },
    {
      name: 'backtest-is-a-composition-root',
      comment:
        'src/backtest composes the roles on a replay venue (docs/decisions/0026-backtests.md); only the cli reaches it, and it never reaches the cli',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(backtest|cli)/', TESTS] },
      to: { path: '^src/backtest/' },
    },
    {
      name: 'backtest-below-cli',
      comment: 'a command wires the backtest; the backtest knows no command',
      severity: 'error',
      from: { path: '^src/backtest/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'production-code-imports-no-test-code',
      comment:
        "code never imports test/, bench/ or BitMart's recorded payloads; a test beside it may use test/'s helpers",
      severity: 'error',
      from: { path: '^src/', pathNot: [TESTS, '^src/exchange/bitmart/fixtures/'] },
      to: { path: '^(test|bench)/|^src/exchange/bitmart/fixtures/' },
    },
    {
      name: 'tests-import-no-bench',
      comment: 'benchmarks depend on the code, never the other way round',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^bench/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: ['node_modules', '^test/', '^bench/'] },
    exclude: { path: 'node_modules' },
    // Re-reads only the files whose content changed since the last run: about 1 s instead of 3 s of CPU.
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};

export default config;
