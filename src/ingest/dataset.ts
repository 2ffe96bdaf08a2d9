/**
 * The dataset manifest (`dataset.yaml`, shared/spec/exports.md): its grammar
 * as a zod schema, and loading it with every listed path checked to stay
 * inside the dataset folder. Problems are {@link InputError}s (exit 2).
 */
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { z } from "zod";
import { InputError } from "../error.ts";
import { type Body, LEVELS, type Level } from "../warehouse/tables.ts";
import { parseYamlFile, valueAt } from "./yaml.ts";

export const MANIFEST_FILE = "dataset.yaml";

const bodyName = z.enum(["party", "committee", "党组织", "村委会", "居委会"]);
const fileRef = z.union([
  z.string().min(1),
  z.strictObject({ file: z.string().min(1), body: bodyName.optional(), sheet: z.string().min(1).optional() }),
]);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "应为 YYYY-MM-DD 格式的日期")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "日期不存在",
  );

const termSchema = z.strictObject({
  term: z.number().int().min(1949).max(2200),
  reference_date: isoDate,
  roster: z.array(fileRef).default([]),
  votes: z.array(fileRef).optional(),
  candidates: z.array(fileRef).optional(),
});

export const manifestSchema = z.strictObject({
  name: z.string().trim().min(1),
  level: z.enum(LEVELS).default("county"),
  units: fileRef,
  targets: z.string().min(1).optional(),
  terms: z.array(termSchema).min(1),
});

export type ManifestInput = z.input<typeof manifestSchema>;

/** The kinds of export a file can hold. */
export type ExportKind = "units" | "roster" | "votes" | "candidates";

/** One input file as listed in the manifest, resolved. */
export interface InputFile {
  readonly kind: ExportKind;
  /** Path relative to the dataset folder, with `/` separators: the file's name in every message and table. */
  readonly path: string;
  readonly absPath: string;
  readonly term: number | null;
  readonly body: Body | null;
  readonly sheet: string | null;
}

export interface TermSpec {
  readonly term: number;
  readonly referenceDate: string;
  readonly roster: readonly InputFile[];
  readonly votes: readonly InputFile[];
  readonly candidates: readonly InputFile[];
}

export interface Dataset {
  readonly dir: string;
  readonly name: string;
  /** The dataset's administrative level (`county` unless dataset.yaml says otherwise). */
  readonly level: Level;
  readonly units: InputFile;
  readonly targets: { readonly path: string; readonly absPath: string } | null;
  readonly terms: readonly TermSpec[];
  /** Every input file in manifest order (units first). */
  readonly files: readonly InputFile[];
}

function toBody(name: z.infer<typeof bodyName> | undefined): Body | null {
  if (name === undefined) return null;
  return name === "party" || name === "党组织" ? "party" : "committee";
}

/** Describe a zod issue path like `terms[1].roster[0].file`. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

function describeIssue(issue: z.core.$ZodIssue, doc: unknown): string {
  const where = issuePath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join("、");
    return `${where ? `${where} 中` : ""}有未知的键 ${keys}(可用的键见 shared/spec/exports.md)`;
  }
  if (valueAt(doc, issue.path) === undefined) return `缺少必填项 ${where}`;
  return `${where || "清单"} 的值无效:${issue.message}`;
}

/**
 * Resolve `ref` (relative to `dir`) and make sure it stays inside the dataset
 * folder, also through symbolic links. Does not require the file to exist.
 */
export function resolveInside(
  dir: string,
  ref: string,
  manifestFile = MANIFEST_FILE,
): { path: string; absPath: string } {
  if (isAbsolute(ref) || /^[a-zA-Z]:[\\/]/.test(ref)) {
    throw new InputError(manifestFile, `路径 ${ref} 是绝对路径;清单中的路径必须相对于数据集文件夹`);
  }
  const root = resolve(dir);
  const absPath = resolve(root, ref);
  const rel = relative(root, absPath);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    throw new InputError(manifestFile, `路径 ${ref} 超出了数据集文件夹`);
  }
  let real: string | null = null;
  try {
    real = realpathSync(absPath);
  } catch {
    real = null; // missing: reported by the caller with the file's name
  }
  if (real !== null) {
    const realRoot = realpathSync(root);
    const realRel = relative(realRoot, real);
    if (realRel.startsWith("..") || isAbsolute(realRel)) {
      throw new InputError(manifestFile, `路径 ${ref} 通过符号链接指向数据集文件夹以外`);
    }
  }
  return { path: rel.split(sep).join("/"), absPath };
}

/**
 * Read and validate `DIR/dataset.yaml`. Every listed file must exist and be a
 * regular file; the first problem found is thrown as an {@link InputError}.
 */
export function loadDataset(dir: string, readText: (path: string) => string): Dataset {
  let text: string;
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) throw new Error("not a directory");
  } catch {
    throw new InputError(null, `数据集文件夹 ${dir} 不存在或不是文件夹`);
  }
  try {
    text = readText(join(dir, MANIFEST_FILE));
  } catch {
    throw new InputError(MANIFEST_FILE, "缺少数据集清单文件(dataset.yaml)");
  }
  const doc = parseYamlFile(text, MANIFEST_FILE);
  const parsed = manifestSchema.safeParse(doc);
  if (!parsed.success) {
    // Unknown keys first: a typo'd key usually also makes the intended key look missing.
    const issues = [...parsed.error.issues].sort(
      (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys"),
    );
    const first = issues[0];
    throw new InputError(MANIFEST_FILE, first ? describeIssue(first, doc) : "清单无效");
  }
  const m = parsed.data;
  const files: InputFile[] = [];
  const input = (kind: ExportKind, ref: z.infer<typeof fileRef>, term: number | null): InputFile => {
    const spec = typeof ref === "string" ? { file: ref } : ref;
    const { path, absPath } = resolveInside(dir, spec.file);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(absPath);
    } catch {
      throw new InputError(path, "清单中列出的文件不存在");
    }
    if (!st.isFile()) throw new InputError(path, "不是普通文件");
    const file: InputFile = {
      kind,
      path,
      absPath,
      term,
      body: typeof ref === "string" ? null : toBody(ref.body),
      sheet: typeof ref === "string" ? null : (ref.sheet ?? null),
    };
    files.push(file);
    return file;
  };
  const units = input("units", m.units, null);
  const seen = new Set<number>();
  const terms: TermSpec[] = m.terms.map((t, i) => {
    if (seen.has(t.term)) throw new InputError(MANIFEST_FILE, `terms[${i}].term ${t.term} 重复`);
    seen.add(t.term);
    return {
      term: t.term,
      referenceDate: t.reference_date,
      roster: t.roster.map((r) => input("roster", r, t.term)),
      votes: (t.votes ?? []).map((r) => input("votes", r, t.term)),
      candidates: (t.candidates ?? []).map((r) => input("candidates", r, t.term)),
    };
  });
  let targets: Dataset["targets"] = null;
  if (m.targets !== undefined) {
    const { path, absPath } = resolveInside(dir, m.targets);
    try {
      if (!statSync(absPath).isFile()) throw new Error();
    } catch {
      throw new InputError(path, "清单中列出的目标任务文件不存在");
    }
    targets = { path, absPath };
  }
  return {
    dir: resolve(dir),
    name: m.name,
    level: m.level,
    units,
    targets,
    terms: [...terms].sort((a, b) => a.term - b.term),
    files,
  };
}
