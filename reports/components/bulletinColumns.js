import { fmt1, fmtInt, fmtPct, fmtSigned, roundHalfAway } from "./format.js";
import { METRIC, SHARE_METRICS } from "./labels.js";

/**
 * The columns of the bulletin table (data/bulletin.json `columns`) as shown and downloaded: the group
 * heading, the sub-heading, the page's text of a value, the XLSX number format and the value written to
 * the workbook (rounded as the page rounds: one decimal half away from zero; shares as fractions of 1).
 */
export function bulletinColumns(columns) {
  return columns.map((c) => {
    const share = c.kind === "target" || SHARE_METRICS.includes(c.metric);
    const whole = c.metric === "members";
    const unit = whole ? "人" : c.metric === "avg_age" ? "岁" : "%";
    const group = c.kind === "target" ? "目标完成率" : `${METRIC[c.metric] ?? c.metric}(${unit})`;
    const sub =
      c.kind === "target" ? c.label : c.kind === "metric" ? "本届" : `比上届${share ? "(百分点)" : ""}`;
    const delta = c.kind === "delta";
    const digits = whole ? 0 : 1;
    return {
      ...c,
      group,
      sub,
      text: delta ? (v) => fmtSigned(v, digits) : share ? fmtPct : whole ? fmtInt : fmt1,
      format: delta ? (whole ? "signedInt" : "signedDec") : share ? "pct" : whole ? "int" : "dec",
      cell: (v) => {
        if (v == null) return null;
        const r = roundHalfAway(v, digits) || 0;
        return share && !delta ? Number((r / 100).toPrecision(12)) : r;
      },
    };
  });
}
