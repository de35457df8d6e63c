// The events conformance suite on the embedded engine and on the remote client over real gRPC.
import { after } from "node:test";
import { closeChannels } from "../../runtime/rpc/index.js";
import { conformance } from "./conformance.js";
import { embeddedHarness, remoteHarness } from "./harness.js";

after(() => closeChannels());

conformance("embedded (LMDB)", embeddedHarness);
conformance("remote over gRPC", remoteHarness);
