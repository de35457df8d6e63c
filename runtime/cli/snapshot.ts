// What the CLI's startup snapshot holds. scripts/build-cli-snapshot.mjs bundles this module into one script and
// runs it under `node --build-snapshot`; bin/micro starts node from the result when it was built by that same
// node binary. Everything imported here is loaded and initialised at build time — protobuf-es's descriptor types
// booted, the registry and auth schemas decoded — which is most of what a service call used to spend before its
// first byte (bench/cli). Only pure modules belong here: nothing that opens files, sockets or reads the
// environment at import time, since that would be frozen into the snapshot; node:http2 loads at run time, and so
// do the builtin commands and clipanion (whose colour depth is read from the terminal when it loads).
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { commandWord, isServiceCommand, main } from "./main.js";
import { LIGHT_WORDS } from "./commands/light.js";
import { resolveEndpoint } from "./dynamic/endpoints.js";
import { parseFlags } from "./dynamic/parse.js";
import { decodeReply, encodeRequest } from "./remote/invoke.js";
import { GetResponseSchema, Registry, ServiceSchema } from "../gen/registry/registry_pb.js";
import type { ServiceDef } from "../rpc/types.js";
import { DESCRIPTOR_KEY, encodeDescriptor } from "../registry/describe.js";
import { schemaOf } from "../registry/schema.js";
// Modules the service-call path imports lazily, initialised now.
import "./dynamic/run.js";
import "./remote/call.js";
import "../gen/auth/auth_pb.js";
import "../rpc/client.js";

/** Where bin/launch.cjs finds what the snapshot serves. */
const SNAPSHOT_CLI = Symbol.for("micro-ts.cli");

/** The builtins, loaded when a command needs them: in the bundle, with commands/light.ts as their command list. */
const loadBuiltin = () => import("./builtin.js");

/** A service call, offline: decode a registry reply, build a schema from its descriptor and the command table
 * from its model (generators/tables), parse flags, encode the request and decode a reply. The functions it runs are compiled now, and their bytecode lands in the snapshot
 * instead of being compiled by every `micro <service>` process. */
function rehearseCall(): void {
  const service = create(ServiceSchema, { name: "registry", metadata: { [DESCRIPTOR_KEY]: encodeDescriptor([{ desc: Registry, methods: {} } as ServiceDef]) } });
  const replyBytes = toBinary(GetResponseSchema, create(GetResponseSchema, { services: [service] }));
  const entry = fromBinary(GetResponseSchema, replyBytes).services[0]!;
  const found = { name: entry.name, namespace: "micro", entry, schema: schemaOf(entry) };
  const { method, command } = resolveEndpoint(found, ["get-service"])!;
  const { request } = parseFlags(["--service=helloworld", "--options.domain=micro"], command.flags, command.endpoint);
  encodeRequest(found, method!, request);
  decodeReply(found, method!, replyBytes);
}

rehearseCall();
(globalThis as Record<symbol, unknown>)[SNAPSHOT_CLI] = {
  /** Service calls, and builtins whose commands are in the bundle; each process then has one copy of the CLI. */
  serves: (argv: string[]) => isServiceCommand(argv) || LIGHT_WORDS.has(commandWord(argv) ?? ""),
  run: (argv: string[]) => main(argv, loadBuiltin),
};
