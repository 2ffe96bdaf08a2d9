/**
 * The short report `huanjie build` prints: rows read / accepted / rejected /
 * skipped per file, warnings and rejects by kind, and the tables written.
 */

import { REJECT_RULES, WARNING_RULES } from "../ingest/finding.ts";
import type { BuildResult } from "./build.ts";
import type { CombineResult } from "./combine.ts";

function pad(text: string, width: number): string {
  // CJK characters take two columns on a terminal.
  const w = [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return text + " ".repeat(Math.max(0, width - w));
}

function num(n: number): string {
  return n.toLocaleString("en-US");
}

/** The report as lines of text (no trailing newline). */
export function formatReport(result: BuildResult, outDir: string): string {
  const lines: string[] = [`数据集:${result.dataset}`, ""];
  const width = Math.max(8, ...result.files.map((f) => [...f.path].length * 2)) + 2;
  lines.push(`${pad("文件", width)}${["读取", "接收", "拒收", "跳过"].map((h) => pad(h, 10)).join("")}`);
  for (const f of result.files) {
    lines.push(
      `${pad(f.path, width)}${[f.read, f.accepted, f.rejected, f.skipped].map((n) => pad(num(n), 10)).join("")}`,
    );
  }
  const total = result.files.reduce(
    (t, f) => ({
      read: t.read + f.read,
      accepted: t.accepted + f.accepted,
      rejected: t.rejected + f.rejected,
      skipped: t.skipped + f.skipped,
    }),
    { read: 0, accepted: 0, rejected: 0, skipped: 0 },
  );
  lines.push(
    `${pad("合计", width)}${[total.read, total.accepted, total.rejected, total.skipped].map((n) => pad(num(n), 10)).join("")}`,
  );
  const describe = (counts: Readonly<Record<string, number>>, labels: Record<string, string>) =>
    Object.entries(counts).map(([rule, n]) => `  ${labels[rule] ?? rule}(${rule}):${num(n)}`);
  if (result.rejects)
    lines.push("", `拒收 ${num(result.rejects)} 行:`, ...describe(result.rejectsByRule, REJECT_RULES));
  if (result.warnings)
    lines.push("", `警告 ${num(result.warnings)} 条:`, ...describe(result.warningsByRule, WARNING_RULES));
  if (result.written) {
    lines.push("", `已写入 ${outDir}:`);
    for (const t of result.tables) lines.push(`  ${pad(t.path, 34)}${num(t.rows)} 行`);
    lines.push("详情见 rejects.parquet 和 warnings.parquet。");
  } else {
    lines.push("", "--strict:存在拒收或警告,未写入任何文件。");
  }
  return lines.join("\n");
}

/** The report of `huanjie combine`: the inputs with their level and rows, findings by rule, the tables written. */
export function formatCombineReport(result: CombineResult, outDir: string): string {
  const lines: string[] = [
    `数据集:${result.dataset}(${result.level},合并 ${num(result.inputs.length)} 个数据仓库)`,
    "",
  ];
  const width = Math.max(8, ...result.inputs.map((x) => [...x.dataset].length * 2)) + 2;
  lines.push(`${pad("输入", width)}${pad("级别", 10)}${pad("行数", 12)}key_id`);
  for (const x of result.inputs)
    lines.push(`${pad(x.dataset, width)}${pad(x.level, 10)}${pad(num(x.rows), 12)}${x.keyId}`);
  const describe = (counts: Readonly<Record<string, number>>, labels: Record<string, string>) =>
    Object.entries(counts).map(([rule, n]) => `  ${labels[rule] ?? rule}(${rule}):${num(n)}`);
  if (result.rejects)
    lines.push("", `各输入拒收 ${num(result.rejects)} 行:`, ...describe(result.rejectsByRule, REJECT_RULES));
  if (result.warnings)
    lines.push(
      "",
      `各输入警告 ${num(result.warnings)} 条:`,
      ...describe(result.warningsByRule, WARNING_RULES),
    );
  lines.push("", `已写入 ${outDir}:`);
  for (const t of result.tables) lines.push(`  ${pad(t.path, 34)}${num(t.rows)} 行`);
  lines.push("拒收和警告见 rejects.parquet 和 warnings.parquet(source_dataset 列为来源数据集)。");
  return lines.join("\n");
}
