// The SDKs this repository checks in under sdk/: one per language, for the server's own services.
// `npm run sdk` regenerates them (generators/scripts/sdk.ts); test/sdk/stale.test.ts fails when the
// template-rendered part of any of them is stale.
import type { SdkSpec } from "../emit/sdk/index.js";

/** The server services the SDKs cover (issue 9): every service of these proto packages. */
export const SDK_PACKAGES = ["store", "config", "events", "registry", "auth", "runtime", "broker"] as const;

export interface SdkTarget extends SdkSpec {
  readonly lang: string;
  readonly out: string;
}

export const SDK_PROTO_DIR = "proto";

export const SDK_TARGETS: readonly SdkTarget[] = [
  { lang: "go", out: "sdk/go", packages: SDK_PACKAGES, options: { module: "github.com/micro-ts/micro-ts/sdk/go" } },
  { lang: "ts", out: "sdk/ts", packages: SDK_PACKAGES, options: { name: "@micro-ts/sdk" } },
  { lang: "rust", out: "sdk/rust", packages: SDK_PACKAGES, options: { crate: "micro-sdk" } },
  { lang: "java", out: "sdk/java", packages: SDK_PACKAGES, options: { groupId: "io.micro", artifactId: "micro-sdk", javaPackage: "io.micro.sdk" } },
  { lang: "python", out: "sdk/python", packages: SDK_PACKAGES, options: { package: "micro_sdk", distribution: "micro-ts-sdk" } },
];
