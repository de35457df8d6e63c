// Copies of a listening socket: dup'd descriptors of one socket, each its own libuv handle, for more accepts per
// loop iteration (bulk-accept.ts) and for the gateway's other threads (gateway-threads.ts). node cannot dup a
// descriptor itself, so a short-lived child does it: it receives the raw handle over IPC (or the descriptor as
// one of its stdio), sends it back as many times as asked (each message carries a new descriptor), closes its own
// and exits. The raw handle, not a server, is sent, so the child never listens and never takes a connection.
import { spawn, type StdioOptions } from "node:child_process";
import type * as net from "node:net";

/** A libuv TCP handle as node's IPC hands it over (child_process's "net.Native"): a descriptor, not listening.
 * `server.listen(handle, backlog)` listens on it. */
export interface RawHandle { close(): void; fd?: number }

// sends the handle h back n times, each message with a new descriptor, then closes its own and leaves
const SEND_COPIES = "(n,h)=>{for(let i=0;i<n;i++)process.send(i,h,i===n-1?()=>{h.close();process.disconnect()}:undefined)}";
const ECHO_HANDLE = `process.on('message',${SEND_COPIES})`;
// the descriptor given as the child's fd 4, wrapped as a raw handle (node's TCP wrap: neither reading nor listening)
const SEND_FD_4 = "const{TCP,constants}=process.binding('tcp_wrap');const h=new TCP(constants.SERVER);" +
  `if(h.open(4))process.exit(2);process.on('message',(n)=>(${SEND_COPIES})(n,h))`;

/** `count` copies of `server`'s listening socket. */
export async function socketCopies(server: net.Server, count: number): Promise<RawHandle[]> {
  const handle = handleOf(server);
  if (!handle || count <= 0) return [];
  return fromCopier(ECHO_HANDLE, ["ignore", "ignore", "ignore", "ipc"], count, (child) => child.send(count, handle as never));
}

/** `count` copies of the socket behind descriptor `fd` of this process (a thread of it may not own the handle). */
export async function copiesOfDescriptor(fd: number, count: number): Promise<RawHandle[]> {
  if (count <= 0) return [];
  return fromCopier(SEND_FD_4, ["ignore", "ignore", "ignore", "ipc", fd], count, (child) => child.send(count));
}

/** The descriptor of a listening server's socket, when it has one (not on Windows). */
export function listeningFd(server: net.Server): number | undefined {
  const fd = handleOf(server)?.fd;
  return typeof fd === "number" && fd >= 0 ? fd : undefined;
}

/** node's listening handle (undocumented, but what its own `server.listen(handle)` form takes). */
function handleOf(server: net.Server): RawHandle | null | undefined {
  return (server as unknown as { _handle?: RawHandle | null })._handle;
}

async function fromCopier(script: string, stdio: StdioOptions, count: number, start: (child: ReturnType<typeof spawn>) => void): Promise<RawHandle[]> {
  const child = spawn(process.execPath, ["-e", script], { stdio, env: {} });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const copies: RawHandle[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      void exited.then(() => reject(new Error(`the handle copier exited after ${copies.length} of ${count} copies`)));
      child.on("message", (_n, raw) => {
        copies.push(raw as RawHandle);
        if (copies.length === count) resolve();
      });
      start(child);
    });
  } catch (err) {
    for (const h of copies) h.close();
    child.kill();
    throw err;
  }
  await exited; // its own copy closed with it: a socket closed here is closed for good
  return copies;
}
