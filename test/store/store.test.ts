import { conformance } from "./conformance.js";
import { embeddedHarness, remoteHarness } from "./harness.js";

conformance("embedded (LMDB)", embeddedHarness);
conformance("remote over gRPC", remoteHarness);
