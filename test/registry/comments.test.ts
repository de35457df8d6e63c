// A service registers its proto comments with its descriptor (describe.ts): the ones its generated code embeds
// (ServiceDef.comments) and the docs its definition gives, so tables built from the registration carry them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeDescriptor } from "../../runtime/registry/describe.js";
import { schemaOf } from "../../runtime/registry/schema.js";
import { defineService } from "../../runtime/rpc/define.js";
import type { ServiceDef } from "../../runtime/rpc/types.js";
import { modelOf, type ServiceModel } from "../../generators/tables/index.js";
import { HelloworldService } from "../gen/helloworld_micro.js";
import { Helloworld } from "../gen/helloworld_pb.js";

function registered(def: ServiceDef): ServiceModel {
  const schema = schemaOf({ metadata: { descriptor: encodeDescriptor([def]) } })!;
  return modelOf(schema).services[0]!;
}

test("the generated definition registers the comments of services, methods, messages and fields", () => {
  const s = registered(HelloworldService);
  assert.equal(s.comments.leading, "Helloworld greets whoever calls it.");
  assert.equal(s.methods[0]!.comments.leading, "Call returns a personal greeting.");
  assert.equal(s.methods[0]!.input.fields[0]!.comments.leading, "The name to greet.");
  assert.equal(s.methods[0]!.input.comments.leading, "Request names the person to greet.");
});

test("a definition's docs are registered as comments, and replace a comment that says something else", () => {
  const s = registered(defineService(Helloworld, {
    doc: "Greets.\nTwo lines.", comments: HelloworldService.comments,
    methods: { call: { doc: "Call greets the named person." }, message: { doc: "  Message is Call under another name. " } },
  }));
  assert.equal(s.comments.leading, "Greets.\nTwo lines.");
  assert.equal(s.methods[0]!.comments.leading, "Call greets the named person.");
  assert.equal(s.methods[1]!.comments.leading, "Message is Call under another name.", "the same words keep the comment");
  assert.equal(s.methods[0]!.input.fields[0]!.comments.leading, "The name to greet.");
  const bare = registered(defineService(Helloworld, { methods: { stream: { doc: "Stream counts." } } }));
  assert.equal(bare.methods[2]!.comments.leading, "Stream counts.", "no generated comments: the docs alone");
  assert.equal(bare.methods[0]!.comments.leading, "");
});

test("registering comments leaves the shared descriptor alone", () => {
  registered(HelloworldService);
  assert.equal(Helloworld.file.proto.sourceCodeInfo, undefined);
});
