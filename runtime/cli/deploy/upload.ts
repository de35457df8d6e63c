// The source string the runtime gets for a SourceRef: a local directory or repository is sent to the server first
// (runtime.Source/Upload, streamed) and named by its upload id; a git URL is passed on for the server to fetch.
import type { Session } from "../session/session.js";
import { packDirectory, packRepository, type SourceRef } from "./source.js";

export async function sourceOf(session: Session, name: string, version: string, src: SourceRef, note: (line: string) => void): Promise<string> {
  if (src.kind === "git") return src.url;
  const pack = () => (src.kind === "repo" ? packRepository(src.path, src.ref) : packDirectory(src.dir));
  note(`Uploading ${src.kind === "repo" ? src.url : src.dir}`);
  const { Source } = await import("../../gen/runtime/runtime_pb.js");
  const source = await session.client(Source);
  async function* requests() {
    let first = true;
    for await (const data of pack()) {
      yield first ? { service: { name, version }, data } : { data };
      first = false;
    }
  }
  const { id } = await source.upload(requests());
  return id;
}
