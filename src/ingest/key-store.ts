/**
 * Where the person key comes from when the environment names none: the
 * user's own key file (`$XDG_CONFIG_HOME/huanjie/key`, else
 * `~/.config/huanjie/key`), created once with 32 random bytes and mode 600.
 * It lives outside every dataset and output folder, so it is never published,
 * and the same machine keeps giving the same person_key on every rebuild.
 * `HUANJIE_KEY` or `HUANJIE_KEY_FILE`, when set, always win (src/person-key.ts).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { loadKey } from "./person-key.ts";

export interface ResolvedKey {
  readonly key: string;
  readonly source: "env" | "file" | "default" | "generated";
  /** The key file used, for `default` and `generated`. */
  readonly path: string | null;
}

/** The default key file for an environment. */
export function defaultKeyPath(
  env: Readonly<Record<string, string | undefined>>,
  home: string = homedir(),
): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || home, ".config");
  return join(base, "huanjie", "key");
}

/**
 * The key to use. Throws an Error with a Chinese message (exit 2) when a named
 * key is missing or too short, or the default key file cannot be read or made.
 * `random` is injected for tests.
 */
export function resolveKey(
  env: Readonly<Record<string, string | undefined>>,
  random: (bytes: number) => Buffer = randomBytes,
): ResolvedKey {
  if (env.HUANJIE_KEY?.trim() || env.HUANJIE_KEY_FILE?.trim()) {
    const { key, source } = loadKey({ ...env }, (p) => readFileSync(p, "utf8"));
    return { key, source, path: null };
  }
  const path = defaultKeyPath(env);
  if (existsSync(path)) {
    const { key } = loadKey({ HUANJIE_KEY_FILE: path }, (p) => readFileSync(p, "utf8"));
    return { key, source: "default", path };
  }
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${random(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
  } catch (error) {
    throw new Error(
      `未设置人员标识密钥,且无法在 ${path} 创建密钥文件(${(error as NodeJS.ErrnoException).code ?? "错误"}):请设置 HUANJIE_KEY 或 HUANJIE_KEY_FILE。`,
    );
  }
  const { key } = loadKey({ HUANJIE_KEY_FILE: path }, (p) => readFileSync(p, "utf8"));
  return { key, source: "generated", path };
}
