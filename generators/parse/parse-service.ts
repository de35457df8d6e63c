// Service definitions (protoc's ParseServiceDefinition/Block/Method): rpc
// methods with stream markers and optional `{ option ...; }` bodies.

import { create } from "@bufbuild/protobuf";
import {
  MethodDescriptorProtoSchema, MethodOptionsSchema, ServiceDescriptorProtoSchema, ServiceOptionsSchema,
  type MethodDescriptorProto, type ServiceDescriptorProto,
} from "@bufbuild/protobuf/wkt";
import { MethodField, ServiceField } from "./descriptor-numbers.js";
import { withLocation, type LocationRecorder } from "./locations.js";
import { parseUserDefinedType } from "./parse-field.js";
import { parseOption } from "./parse-options.js";
import type { ParserBase } from "./parser-base.js";

export function parseServiceDefinition(p: ParserBase, services: ServiceDescriptorProto[], serviceLocation: LocationRecorder): void {
  const service = create(ServiceDescriptorProtoSchema);
  services.push(service);
  p.consume("service");
  withLocation(serviceLocation.child(ServiceField.name), (location) => {
    p.recordLegacy(service, "name", location);
    service.name = p.consumeIdentifier("Expected service name.");
  });
  p.consumeEndOfDeclaration("{", serviceLocation);
  while (!p.tryConsumeEndOfDeclaration("}", null)) {
    if (p.atEnd()) p.fail("Reached end of input in service definition (missing '}').");
    p.statement(() => parseServiceStatement(p, service, serviceLocation));
  }
}

function parseServiceStatement(p: ParserBase, service: ServiceDescriptorProto, serviceLocation: LocationRecorder): void {
  if (p.tryConsumeEndOfDeclaration(";", null)) return;
  if (p.lookingAt("option")) {
    withLocation(serviceLocation.child(ServiceField.options), (loc) =>
      parseOption(p, (service.options ??= create(ServiceOptionsSchema)), loc, "statement"));
  } else {
    withLocation(serviceLocation.child(ServiceField.method, service.method.length), (loc) => {
      const method = create(MethodDescriptorProtoSchema);
      service.method.push(method);
      parseServiceMethod(p, method, loc);
    });
  }
}

function parseMethodArgument(p: ParserBase, method: MethodDescriptorProto, methodLocation: LocationRecorder, output: boolean): void {
  p.consume("(");
  if (p.lookingAt("stream")) {
    withLocation(methodLocation.child(output ? MethodField.serverStreaming : MethodField.clientStreaming), (location) => {
      p.recordLegacy(method, "other", location);
      if (output) method.serverStreaming = true;
      else method.clientStreaming = true;
      p.consume("stream");
    });
  }
  withLocation(methodLocation.child(output ? MethodField.outputType : MethodField.inputType), (location) => {
    p.recordLegacy(method, output ? "output_type" : "input_type", location);
    const typeName = parseUserDefinedType(p);
    if (output) method.outputType = typeName;
    else method.inputType = typeName;
  });
  p.consume(")");
}

function parseServiceMethod(p: ParserBase, method: MethodDescriptorProto, methodLocation: LocationRecorder): void {
  p.consume("rpc");
  withLocation(methodLocation.child(MethodField.name), (location) => {
    p.recordLegacy(method, "name", location);
    method.name = p.consumeIdentifier("Expected method name.");
  });
  parseMethodArgument(p, method, methodLocation, false);
  p.consume("returns");
  parseMethodArgument(p, method, methodLocation, true);

  if (!p.lookingAt("{")) {
    p.consumeEndOfDeclaration(";", methodLocation);
    return;
  }
  // protoc creates the (possibly empty) options as soon as there is a body.
  method.options ??= create(MethodOptionsSchema);
  p.tryConsumeEndOfDeclaration("{", methodLocation);
  while (!p.tryConsumeEndOfDeclaration("}", null)) {
    if (p.atEnd()) p.fail("Reached end of input in method options (missing '}').");
    if (p.tryConsumeEndOfDeclaration(";", null)) continue;
    withLocation(methodLocation.child(MethodField.options), (loc) => {
      p.statement(() => parseOption(p, method.options!, loc, "statement"));
    });
  }
}
