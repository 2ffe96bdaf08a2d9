import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/** What both projects share. */
const common = {
  testTimeout: 60_000,
  hookTimeout: 300_000,
  env: { TZ: "UTC", HUANJIE_KEY: "test-key-not-secret" },
};

export default defineConfig({
  test: {
    // One temporary folder for the whole run (HUANJIE_TEST_TMP).
    globalSetup: ["test/global-setup.ts"],
    // At least two test files at a time, also on a 2-core machine (vitest's default there is one): a browser
    // test spends much of its time waiting on chromium and a build on DuckDB, so a second file fills the gap
    // (the suite on the 2-core CI machine: 604 s of vitest with two, about 700-790 s with one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    // The unit project's pool (below); the site project keeps the forks pool, isolated.
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        test: {
          ...common,
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/site/**"],
          // Worker threads that run their test files one after another in one module graph (not
          // isolated, root poolOptions.threads), instead of a new process importing the source, DuckDB
          // and the helpers again for each file: about 1 s of CPU per file (27 small files: 38 s of CPU
          // isolated, 14.5 s not). No unit test mocks a module, stubs a global, sets the environment or
          // uses fake timers; what a module keeps between files is a cache, the shared builds of
          // test/helpers/shared.ts, or a counter whose values no test asserts (metrics-fixture's source_row).
          pool: "threads",
        },
      },
      {
        // The browser tests: the site is built once per run, by this project's global setup, which runs
        // only when one of its files is run. Its files run after the unit project's (groupOrder), while
        // the build runs beside those.
        test: {
          ...common,
          name: "site",
          include: ["test/site/**/*.test.ts"],
          globalSetup: ["test/site/global-setup.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
