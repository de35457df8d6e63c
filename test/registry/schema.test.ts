// schemaOf(): descriptors published by other runtimes may leave json_name out; JSON names must still be right.
import { test } from "node:test";
import assert from "node:assert/strict";
import { create, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema, FieldDescriptorProto_Type, FieldDescriptorProto_Label } from "@bufbuild/protobuf/wkt";
import { deflateRawSync } from "node:zlib";
import { DESCRIPTOR_KEY } from "../../runtime/registry/describe.js";
import { schemaOf } from "../../runtime/registry/schema.js";

test("a descriptor without json_name gets protoc's camelCase JSON names", () => {
  const set = create(FileDescriptorSetSchema, {
    file: [{
      name: "greeter.proto", package: "greeter", syntax: "proto3",
      messageType: [{
        name: "Request",
        field: [
          { name: "user_name", number: 1, type: FieldDescriptorProto_Type.STRING, label: FieldDescriptorProto_Label.OPTIONAL },
          { name: "given", number: 2, type: FieldDescriptorProto_Type.STRING, label: FieldDescriptorProto_Label.OPTIONAL, jsonName: "explicitName" },
        ],
        nestedType: [{ name: "Inner", field: [{ name: "max_count", number: 1, type: FieldDescriptorProto_Type.INT64, label: FieldDescriptorProto_Label.OPTIONAL }] }],
      }],
    }],
  });
  const encoded = deflateRawSync(toBinary(FileDescriptorSetSchema, set)).toString("base64");
  const reg = schemaOf({ metadata: { [DESCRIPTOR_KEY]: encoded } });
  const request = reg?.getMessage("greeter.Request");
  assert.deepEqual(request?.fields.map((f) => f.jsonName), ["userName", "explicitName"]);
  assert.equal(reg?.getMessage("greeter.Request.Inner")?.fields[0].jsonName, "maxCount");
});
