// The config a service sees: typed values (value.ts) with "missing" instead of 404s, plain JS values in,
// and watch(), which polls Read's checksum so a running service picks up a change without a restart.
import { MicroError } from "../rpc/index.js";
import { ConfigEntry } from "./value.js";
import { badRequest } from "./validate.js";
import { pollEvery, type StopWatching } from "./watch.js";
import type { Config, ConfigChange } from "./types.js";

export const DEFAULT_WATCH_INTERVAL_MS = 1000;

export interface ServiceConfigOptions {
  /** Address this namespace; by default the one the transport's metadata (or the engine) implies. */
  namespace?: string;
  /** How often watchers poll, in milliseconds. */
  watchIntervalMs?: number;
}

export interface SecretOption {
  /** Read secret values decrypted / store the value encrypted at rest. */
  secret?: boolean;
}

export interface WatchOptions extends SecretOption {
  intervalMs?: number;
  /** Failed polls (e.g. the config service restarting) and errors thrown by onChange; polling goes on. */
  onError?: (err: unknown) => void;
}

export class ServiceConfig {
  constructor(readonly config: Config, private readonly options: ServiceConfigOptions = {}) {}

  /** The value at a dotted path; `.exists()` is false when nothing is stored there. */
  async get(path: string, options: SecretOption = {}): Promise<ConfigEntry> {
    try {
      const value = await this.config.get(path, { namespace: this.options.namespace, secret: !!options.secret });
      return ConfigEntry.parse(value.data);
    } catch (err) {
      if (isNotFound(err)) return ConfigEntry.missing();
      throw err;
    }
  }

  /** Any JSON-encodable value; objects merge into what is stored. */
  async set(path: string, value: unknown, options: SecretOption = {}): Promise<void> {
    let data: string | undefined;
    try {
      data = JSON.stringify(value);
    } catch (err) {
      throw badRequest(`the value for ${path} cannot be encoded as JSON: ${(err as Error).message}`);
    }
    if (data === undefined) throw badRequest(`the value for ${path} cannot be encoded as JSON (undefined, a function or a symbol)`);
    await this.config.set(path, { data, format: "json" }, { namespace: this.options.namespace, secret: !!options.secret });
  }

  async delete(path: string): Promise<void> {
    await this.config.delete(path, { namespace: this.options.namespace });
  }

  /**
   * Calls onChange with the new value (missing once deleted) whenever what is stored under the path changes,
   * starting from the state when the watch began. Returns the function that stops watching.
   */
  watch(path: string, onChange: (entry: ConfigEntry) => void | Promise<void>, options: WatchOptions = {}): StopWatching {
    const intervalMs = options.intervalMs ?? this.options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
    let checksum: string | undefined;
    let delivered: string | undefined;
    let baseline = true;
    return pollEvery(intervalMs, async () => {
      const change = await this.readOrMissing(path);
      const sum = change?.changeSet.checksum ?? "";
      if (!baseline && sum === checksum) return;
      checksum = sum;
      // Read masks secrets, so a secret watcher fetches the decrypted value only once something changed.
      const entry = options.secret ? await this.get(path, { secret: true })
        : change ? ConfigEntry.parse(change.changeSet.data) : ConfigEntry.missing();
      const first = baseline;
      baseline = false;
      // A re-sealed secret changes the checksum without changing the value: not a change to report.
      if (first || entry.raw === delivered) return void (delivered = entry.raw);
      delivered = entry.raw;
      await onChange(entry);
    }, options.onError ?? (() => {}));
  }

  private async readOrMissing(path: string): Promise<ConfigChange | undefined> {
    try {
      return await this.config.read(path, { namespace: this.options.namespace });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

function isNotFound(err: unknown): boolean {
  return err instanceof MicroError && err.code === 404;
}
