/** Slugs of townships, units and regions in the pages' addresses (township?t=, unit?t=&u=, region?r=) and data folders. */
import { createHash } from "node:crypto";

const hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

export const townshipSlug = (township: string): string => `t${hex(township).slice(0, 8)}`;

export const unitSlug = (unitId: string): string =>
  /^\d{12}$/.test(unitId) ? unitId : `u${hex(unitId).slice(0, 10)}`;

/** The slug of a region's page (region/<slug>): a county, city or province of a warehouse above county level. */
export const regionSlug = (scope: string, name: string): string =>
  `${scope.slice(0, 1)}${hex(`${scope}\u0000${name}`).slice(0, 8)}`;
