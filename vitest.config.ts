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
    projects: [
      {
        test: {
          ...common,
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/site/**"],
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
