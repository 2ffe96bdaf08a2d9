import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOADERS } from "../../loaders/index.ts";

const DATA = join(import.meta.dirname, "..", "..", "reports", "data");
const shims = readdirSync(DATA).filter((n) => /\.(json|arrow)\.(ts|js)$/.test(n));

describe("site data loaders", () => {
  it("have a function in loaders/index.ts for every shim Framework runs, and no other", () => {
    expect(Object.keys(LOADERS).sort()).toEqual(shims.map((n) => n.replace(/\.(ts|js)$/, "")).sort());
  });

  it("keep the shims to calling their function", () => {
    for (const shim of shims) {
      const code = readFileSync(join(DATA, shim), "utf8");
      const fn = LOADERS[shim.replace(/\.(ts|js)$/, "")]?.name;
      expect(code, shim).toContain(`await toStdout(${fn});`);
      expect(
        code.split("\n").filter((l) => l && !l.startsWith("//") && !l.startsWith("import")),
        shim,
      ).toEqual([`await toStdout(${fn});`]);
    }
  });
});
