// The config file as the commands use it: read once per process, and changed by re-reading, mutating and
// writing back, so two commands running at once lose as little as possible of each other's changes.
import { configPath, loadConfig, saveConfig, type ConfigData, type EnvRecord } from "./file.js";
import { currentEnvName, requireEnvironment, type Environment } from "./envs.js";

export class ConfigStore {
  readonly path: string;
  private cached?: ConfigData;
  private warned = false;

  constructor(readonly vars: Record<string, string | undefined>, private readonly warn: (line: string) => void = () => undefined) {
    this.path = configPath(vars);
  }

  get data(): ConfigData {
    if (!this.cached) this.cached = this.read();
    return this.cached;
  }

  /** Re-reads the file, applies `mutate`, writes it back atomically. */
  update<T>(mutate: (data: ConfigData) => T): T {
    const fresh = this.read();
    const result = mutate(fresh);
    saveConfig(this.path, fresh);
    this.cached = fresh;
    return result;
  }

  /** Changes one environment's record (creating it when needed). */
  updateEnv(name: string, mutate: (record: EnvRecord) => void): void {
    this.update((data) => {
      const record = (data.envs[name] ??= {});
      mutate(record);
    });
  }

  currentName(override?: string): string {
    return currentEnvName(this.data, this.vars, override);
  }

  current(override?: string): Environment {
    return requireEnvironment(this.data, this.currentName(override), this.vars);
  }

  private read(): ConfigData {
    const { data, problem } = loadConfig(this.path);
    if (problem && !this.warned) {
      this.warned = true;
      this.warn(`warning: ${problem}`);
    }
    return data;
  }
}
