/**
 * Content-Security-Policy of built pages: every page of `dist` allows scripts
 * only from its origin and its own inline scripts by sha256 hash, nothing
 * inline beyond those, no plugin objects, no inline event handlers. Used by
 * test/security/pages.test.ts (on dist/) and by the site test (on its build).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".html"))
    .map((d) => join(d.parentPath, d.name));
}

/** Assert the policy on every page below `dist`; returns the number of pages checked. */
export function expectStrictCsp(dist: string): number {
  const pages = htmlFiles(dist);
  expect(pages.length).toBeGreaterThan(5);
  for (const page of pages) {
    let html: string;
    try {
      html = readFileSync(page, "utf8");
    } catch {
      continue; // being rebuilt meanwhile
    }
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(csp, page).toBeDefined();
    const directives = new Map(
      (csp ?? "").split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scripts = directives.get("script-src") ?? [];
    expect(scripts, page).toContain("'self'");
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:", "http:", "https:"])
      expect(scripts, page).not.toContain(bad);
    expect(directives.get("object-src"), page).toEqual(["'none'"]);
    expect(directives.get("default-src"), page).toEqual(["'self'"]);
    // Every inline script of the page is allowed by its hash, and nothing else inline is.
    const hashes = scripts.filter((s) => s.startsWith("'sha256-"));
    for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      const h = `'sha256-${createHash("sha256")
        .update(m[1] as string)
        .digest("base64")}'`;
      expect(hashes, page).toContain(h);
    }
    expect(html, page).not.toMatch(/\son(error|load|click)=/i);
  }
  return pages.length;
}
