// gRPC server reflection through `micro server`'s proxy: our own reflection client (v1 and v1alpha) and the
// real grpcurl, with no proto files at hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { create, createFileRegistry, fromBinary, type FileRegistry } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Helloworld } from "../gen/helloworld_pb.js";
import { ServerReflection as V1 } from "../../runtime/server/reflection/gen/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as V1Alpha } from "../../runtime/server/reflection/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { Service } from "../../runtime/service/index.js";
import { createClient, createGrpcTransport, type Metadata } from "../../runtime/rpc/index.js";
import { withServer, type TestServer } from "../support/server.js";
import { grpcurl, runGrpcurl } from "./support/grpcurl.js";

const BUILTIN_SERVICES = [
  "auth.Accounts", "auth.Auth", "auth.Rules", "broker.Broker", "config.Config", "debug.Debug", "events.Store", "events.Stream",
  "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "network.Network", "registry.Registry",
  "router.Router", "router.Table", "runtime.Build", "runtime.Runtime", "runtime.Source", "store.BlobStore", "store.Store",
];

type Request = { case: "listServices" | "fileContainingSymbol" | "fileByFilename"; value: string };
interface Answer { services?: string[]; files?: FileRegistry; error?: { code: number; message: string } }

/** One reflection stream: every request in order, one answer each. */
async function reflect(server: TestServer, metadata: Metadata, requests: Request[], version: "v1" | "v1alpha" = "v1"): Promise<Answer[]> {
  const transport = createGrpcTransport({ address: server.proxyAddress, metadata: () => metadata, timeoutMs: 10_000 });
  const client = createClient(version === "v1" ? V1 : V1Alpha, transport);
  async function* send() {
    for (const r of requests) yield { host: "", messageRequest: r };
  }
  const answers: Answer[] = [];
  for await (const res of client.serverReflectionInfo(send())) {
    const m = res.messageResponse;
    if (m.case === "listServicesResponse") answers.push({ services: m.value.service.map((s) => s.name).sort() });
    else if (m.case === "fileDescriptorResponse") {
      const files = m.value.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b));
      answers.push({ files: createFileRegistry(create(FileDescriptorSetSchema, { file: files })) });
    } else if (m.case === "errorResponse") answers.push({ error: { code: m.value.errorCode, message: m.value.errorMessage } });
    else assert.fail(`unexpected reflection answer ${m.case}`);
  }
  return answers;
}

async function startHelloworld(server: TestServer, namespace: string): Promise<Service> {
  const creds = await server.serviceAccount(namespace, "helloworld");
  const srv = new Service({ name: "helloworld", env: { proxy: server.proxyAddress, namespace, ...creds } });
  srv.handle(Helloworld, {
    call: (req) => ({ msg: `Hello ${req.name}` }),
    message: (req) => ({ msg: req.name }),
    async *stream() {},
    async *pingPong() {},
  });
  await srv.start();
  return srv;
}

test("reflection over the proxy lists every builtin and describes them, v1 and v1alpha alike, even to anonymous callers", async () => {
  await withServer(async (server) => {
    for (const version of ["v1", "v1alpha"] as const) {
      const [list, store, method, message, missing] = await reflect(server, {}, [
        { case: "listServices", value: "*" },
        { case: "fileContainingSymbol", value: "store.Store" },
        { case: "fileContainingSymbol", value: "events.Stream.Consume" },
        { case: "fileContainingSymbol", value: "store.ReadRequest" },
        { case: "fileContainingSymbol", value: "nope.Nope" },
      ], version);
      assert.deepEqual(list.services, BUILTIN_SERVICES, version);
      const storeService = store.files!.getService("store.Store");
      assert.ok(storeService, `${version}: store.Store is described`);
      assert.deepEqual(storeService.methods.map((m) => m.name).sort(), ["Databases", "Delete", "List", "Read", "Tables", "Write"]);
      assert.equal(storeService.method.list.methodKind, "server_streaming");
      assert.equal(method.files!.getService("events.Stream")?.method.consume.output.typeName, "events.Event");
      assert.deepEqual(message.files!.getMessage("store.ReadRequest")?.fields.map((f) => f.name), ["key", "options"]);
      assert.equal(missing.error?.code, 5, "unknown symbols are NOT_FOUND");
      assert.equal(storeService.file.proto.name, "store/store.proto");
      const [byName, noFile] = await reflect(server, {}, [
        { case: "fileByFilename", value: "store/store.proto" },
        { case: "fileByFilename", value: "nope.proto" },
      ], version);
      assert.ok(byName.files!.getService("store.Store"));
      assert.equal(noFile.error?.code, 5);
    }
  });
});

test("members of a namespace are described its own services too; anyone else only the builtins", async () => {
  await withServer(async (server) => {
    const srv = await startHelloworld(server, "tenant-r");
    try {
      const member = await server.adminMetadata("tenant-r");
      const [list, hello] = await reflect(server, member, [
        { case: "listServices", value: "" },
        { case: "fileContainingSymbol", value: "helloworld.Helloworld.Call" },
      ]);
      assert.ok(list.services!.includes("helloworld.Helloworld"), String(list.services));
      assert.ok(list.services!.includes("store.Store"));
      assert.equal(hello.files!.getService("helloworld.Helloworld")?.method.call.input.typeName, "helloworld.Request");

      const [anonList, anonHello] = await reflect(server, { "micro-namespace": "tenant-r" }, [
        { case: "listServices", value: "" },
        { case: "fileContainingSymbol", value: "helloworld.Helloworld" },
      ]);
      assert.deepEqual(anonList.services, BUILTIN_SERVICES);
      assert.equal(anonHello.error?.code, 5);
      // the "micro" namespace does not see tenant-r's service
      const [adminList] = await reflect(server, await server.adminMetadata("micro"), [{ case: "listServices", value: "" }]);
      assert.ok(!adminList.services!.includes("helloworld.Helloworld"));
    } finally {
      await srv.stop();
    }
  });
});

test("grpcurl lists, describes and calls the builtins through the proxy with no proto files; calls still need a token", async (t) => {
  const tool = await grpcurl();
  if ("skip" in tool) {
    t.skip(tool.skip);
    return;
  }
  const bin = tool.path;
  await withServer(async (server) => {
    const addr = server.proxyAddress;
    const list = await runGrpcurl(bin, [addr, "list"]);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(list.stdout.trim().split("\n"), BUILTIN_SERVICES);

    const describe = await runGrpcurl(bin, [addr, "describe", "store.Store"]);
    assert.equal(describe.code, 0, describe.stderr);
    assert.match(describe.stdout, /rpc Read \( \.store\.ReadRequest \) returns \( \.store\.ReadResponse \)/);
    assert.match(describe.stdout, /rpc List \( \.store\.ListRequest \) returns \( stream \.store\.ListResponse \)/);

    const login = await runGrpcurl(bin, ["-d", JSON.stringify({ id: "admin", secret: "micro" }), addr, "auth.Auth/Token"]);
    assert.equal(login.code, 0, login.stderr);
    const token = (JSON.parse(login.stdout) as { token: { accessToken: string } }).token.accessToken;
    const bearer = ["-H", `authorization: Bearer ${token}`];

    // reflection describes, it does not admit: the store still refuses anonymous callers
    const anonymous = await runGrpcurl(bin, ["-d", JSON.stringify({ key: "k" }), addr, "store.Store/Read"]);
    assert.notEqual(anonymous.code, 0);
    assert.match(anonymous.stderr, /Unauthenticated/);

    const write = await runGrpcurl(bin, [...bearer, "-d", JSON.stringify({ record: { key: "k", value: Buffer.from("v1").toString("base64") } }), addr, "store.Store/Write"]);
    assert.equal(write.code, 0, write.stderr);
    const read = await runGrpcurl(bin, [...bearer, "-d", JSON.stringify({ key: "k" }), addr, "store.Store/Read"]);
    assert.equal(read.code, 0, read.stderr);
    assert.equal(Buffer.from((JSON.parse(read.stdout) as { records: { value: string }[] }).records[0].value, "base64").toString(), "v1");

    // a user service in the caller's namespace is reflected and callable too
    const srv = await startHelloworld(server, "tenant-g");
    try {
      const ns = [...bearer, "-H", "micro-namespace: tenant-g"];
      const tenantList = await runGrpcurl(bin, [...ns, addr, "list"]);
      assert.ok(tenantList.stdout.split("\n").includes("helloworld.Helloworld"), tenantList.stdout + tenantList.stderr);
      const hello = await runGrpcurl(bin, [...ns, "-d", JSON.stringify({ name: "grpcurl" }), addr, "helloworld.Helloworld/Call"]);
      assert.equal(hello.code, 0, hello.stderr);
      assert.deepEqual(JSON.parse(hello.stdout), { msg: "Hello grpcurl" });
    } finally {
      await srv.stop();
    }
  });
});
