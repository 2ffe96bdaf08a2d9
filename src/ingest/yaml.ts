/**
 * Reading the dataset's YAML files (dataset.yaml, targets.yaml): one parser
 * setting and one wording for a file that is not YAML, and the value at a
 * zod issue's path for messages.
 */
import { parse } from "yaml";
import { InputError } from "../error.ts";

/**
 * The document of a YAML file (`file`: its name in the dataset, for the
 * message): YAML 1.2 core schema, duplicate keys refused. Throws an
 * {@link InputError} `不是有效的 YAML:<the parser's message>(第 L 行第 C 列)`.
 */
export function parseYamlFile(text: string, file: string): unknown {
  try {
    return parse(text, { version: "1.2", schema: "core", uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    const first = String((error as Error).message).split("\n")[0];
    const pos = (error as { pos?: readonly number[] }).pos?.[0];
    const before = pos === undefined ? null : text.slice(0, pos).split("\n");
    const at = before ? `(第 ${before.length} 行第 ${(before.at(-1) ?? "").length + 1} 列)` : "";
    throw new InputError(file, `不是有效的 YAML:${first}${at}`);
  }
}

/** The value at `path` inside a parsed document (undefined when absent). */
export function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v = doc;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
