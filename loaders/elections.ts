// The elections page's counts, reported term only: the number of elections and of election checks.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { jsonBytes } from "./lib/json.ts";
import { reportTerms } from "./lib/terms.ts";

export function electionCounts(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const [counts] = await wh.rows<{ elections: number; election_checks: number }>(
      `SELECT (SELECT count(*) FROM elections WHERE term = $term) AS elections,
          (SELECT count(*) FROM election_checks WHERE term = $term) AS election_checks`,
      { term: term ?? -1 },
    );
    return jsonBytes({ term, ...counts });
  });
}
