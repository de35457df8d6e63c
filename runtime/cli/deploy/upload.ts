// Sends a local directory to the server (runtime.Source/Upload, streamed) and returns the source id to run.
import type { Session } from "../session/session.js";
import { packDirectory } from "./source.js";

export async function uploadDirectory(session: Session, name: string, version: string, dir: string): Promise<string> {
  const { Source } = await import("../../gen/runtime/runtime_pb.js");
  const source = await session.client(Source);
  async function* requests() {
    let first = true;
    for await (const data of packDirectory(dir)) {
      yield first ? { service: { name, version }, data } : { data };
      first = false;
    }
  }
  const { id } = await source.upload(requests());
  return id;
}
