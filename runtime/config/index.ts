export {
  DEFAULT_NAMESPACE, SECRET_PLACEHOLDER, type Config, type ConfigChange, type ConfigChangeSet, type ConfigValue,
  type ConfigValueInput, type GetOptions, type NamespaceOptions, type SetOptions,
} from "./types.js";
export { EmbeddedConfig, CONFIG_DBS } from "./embedded.js";
export { configHandler } from "./handler.js";
export { RemoteConfig, connectConfig } from "./remote.js";
export { ServiceConfig, DEFAULT_WATCH_INTERVAL_MS, type ServiceConfigOptions, type SecretOption, type WatchOptions } from "./service-config.js";
export { ConfigEntry } from "./value.js";
export { scopeConfig } from "./scoped.js";
export { type StopWatching } from "./watch.js";
export { SECRET_KEY_ENV, decodeKey, loadSecretKey, secretKeyPath, type SecretKey, type SecretKeyOptions } from "./secret-key.js";
export { MAX_NAMESPACE_BYTES, MAX_PATH_BYTES } from "./validate.js";
