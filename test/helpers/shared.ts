/**
 * Outputs shared by the test files of one run: a warehouse that several files read (the same dataset,
 * built with the same arguments) is built once per run, below HUANJIE_TEST_TMP, by the first file that
 * asks, while the others wait for it (test/helpers/shared-server.ts, started by test/global-setup.ts).
 * A shared output is named by its content (the dataset's files, the arguments, the environment), so two
 * files share it exactly when their own builds would be the same. Its files are made read-only: a test
 * that changes a warehouse builds its own. A test that checks the build itself (its report, faults,
 * locks, byte identity of two runs) builds its own too.
 *
 *   const { out, run } = await sharedBuild(join(ROOT, "data", "sample"));
 */
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join, relative } from "node:path";
import { huanjieInProcess, type Run, tempDir } from "./cli.ts";
import { SHARED_VARIABLE } from "./shared-server.ts";

/** This process's outputs by key: made or being made here, or waited for. */
const here = new Map<string, Promise<string>>();

function ask(path: string, body = ""): Promise<string> {
  const base = process.env[SHARED_VARIABLE] as string;
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: body ? "POST" : "GET", agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () =>
        res.statusCode === 200 ? resolve(text) : reject(new Error(`${path}: HTTP ${res.statusCode}`)),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * The folder of the shared output `key` (a sha256 in hex), made by `make(dir)` into that (empty,
 * existing) folder by whichever process asks first. With `wait` false, null at once when another
 * process is making it. Without the coordinator (the helper used outside this project's vitest run),
 * the output is made once per process.
 */
export async function shared(
  key: string,
  make: (dir: string) => Promise<void>,
  wait = true,
): Promise<string | null> {
  const known = here.get(key);
  if (known) return known;
  const root = process.env.HUANJIE_TEST_TMP;
  if (!process.env[SHARED_VARIABLE] || !root) {
    const dir = tempDir("shared-");
    const made = make(dir).then(() => dir);
    here.set(key, made);
    return made;
  }
  const dir = join(root, "shared", key);
  const answer = await ask(`/claim/${key}${wait ? "" : "?wait=0"}`);
  if (answer === "busy") return null;
  let done: Promise<string>;
  if (answer === "make") {
    done = (async () => {
      try {
        mkdirSync(dir, { recursive: true });
        await make(dir);
        readOnly(dir);
      } catch (error) {
        await ask(`/failed/${key}`, String((error as Error)?.stack ?? error) || "failed");
        throw error;
      }
      await ask(`/ready/${key}`, "ready");
      return dir;
    })();
  } else if (answer === "ready") {
    done = Promise.resolve(dir);
  } else {
    done = Promise.reject(new Error(`the shared output ${key} failed in another test file: ${answer}`));
  }
  here.set(key, done);
  return done;
}

/** Every file below `dir` read-only (a test that writes into a shared output fails). */
function readOnly(dir: string): void {
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (d.isFile()) chmodSync(join(d.parentPath, d.name), 0o444);
}

/** sha256 of every file below `dir` with its relative path, in order, after `parts`: a content key. */
export function contentKey(dir: string, ...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part}\0`);
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
  for (const file of files) {
    hash.update(`${relative(dir, file)}\0`);
    hash.update(createHash("sha256").update(readFileSync(file)).digest("hex"));
  }
  return hash.digest("hex");
}

/** A shared `huanjie build` (in-process, test/helpers/cli.ts's key): its OUT_DIR and its run. */
export interface SharedBuild {
  out: string;
  run: Run;
}

function buildKey(dataset: string, args: readonly string[], env: Record<string, string>): string {
  return contentKey(
    dataset,
    "huanjie build",
    JSON.stringify(args),
    JSON.stringify(Object.entries(env).sort()),
  );
}

async function makeBuild(
  key: string,
  dataset: string,
  args: readonly string[],
  env: Record<string, string>,
  wait = true,
): Promise<SharedBuild | null> {
  const dir = await shared(
    key,
    async (into) => {
      const run = await huanjieInProcess(["build", dataset, "--out", join(into, "out"), ...args], env);
      writeFileSync(join(into, "run.json"), JSON.stringify(run));
    },
    wait,
  );
  if (dir === null) return null;
  return { out: join(dir, "out"), run: JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as Run };
}

/**
 * `huanjie build DATASET --out OUT ...args` (in-process, with `env`), made once per run for the same
 * dataset content, arguments and environment. The run is returned whatever its status: expect on it.
 */
export async function sharedBuild(
  dataset: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<SharedBuild> {
  return (await makeBuild(buildKey(dataset, args, env), dataset, args, env)) as SharedBuild;
}

/**
 * {@link sharedBuild} of several datasets: first those no other file is building (so two files that
 * need the same datasets build them between them), then waits for the rest.
 */
export async function sharedBuilds(
  datasets: readonly string[],
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<SharedBuild[]> {
  const keys = datasets.map((d) => buildKey(d, args, env));
  for (const [i, dataset] of datasets.entries())
    await makeBuild(keys[i] as string, dataset, args, env, false);
  return Promise.all(
    datasets.map((d, i) => makeBuild(keys[i] as string, d, args, env) as Promise<SharedBuild>),
  );
}
