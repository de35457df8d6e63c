// What a process tree holds in memory, three ways (issue 16's "RSS after a minute of load"):
//   rss       each process's VmRSS, summed: a page that several processes map counts once per process — the node
//             binary's pages in micro server and in its privileged helper, the micro binary's in each of Micro
//             3.0's dozen processes;
//   pss       each process's proportional share, summed: a page mapped by N processes anywhere counts 1/N, also
//             when the others are outside the tree (this bench's own node), so it undercounts;
//   resident  the tree's resident set: every physical page any of its processes has in memory, counted once
//             (from /proc/<pid>/pagemap, whose page frame numbers only root may read: undefined otherwise).
import { open, readdir, readFile } from "node:fs/promises";

export interface TreeMemory {
  rss: number; pss: number; resident?: number; processes: number;
  /** VmRSS of the tree's first process alone (micro server's own; Micro 3.0's `micro server`). */
  own: number;
}

const PAGE = 4096; // pagemap has an entry per page: x86-64 and most arm64 kernels use 4 KB

/** The process and all its descendants (children are listed per thread: a Go process starts them from any). */
export async function processTree(pid: number): Promise<number[]> {
  const tree = [pid];
  const threads = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = (await Promise.all(threads.map((t) => readFile(`/proc/${pid}/task/${t}/children`, "utf8").catch(() => "")))).join(" ").trim();
  for (const c of children ? children.split(/\s+/) : []) tree.push(...await processTree(Number(c)));
  return tree;
}

export async function treeMemory(pid: number): Promise<TreeMemory> {
  const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
  const pids = await processTree(pid);
  let rss = 0, pss = 0, processes = 0, own = 0;
  const frames = new Set<number>();
  let readable = true;
  for (const p of pids) {
    const status = await readFile(`/proc/${p}/status`, "utf8").catch(() => "");
    if (!status) continue;
    processes++;
    rss += kb(status, "VmRSS");
    if (p === pid) own = kb(status, "VmRSS");
    pss += kb(await readFile(`/proc/${p}/smaps_rollup`, "utf8").catch(() => ""), "Pss");
    if (readable) readable = await addResidentFrames(p, frames);
  }
  return { rss, pss, processes, own, resident: readable ? frames.size * PAGE : undefined };
}

/** Adds the page frames a process has resident; false when they cannot be read (not root, or the process is gone). */
async function addResidentFrames(pid: number, frames: Set<number>): Promise<boolean> {
  const smaps = await readFile(`/proc/${pid}/smaps`, "utf8").catch(() => "");
  // only the mappings with resident pages: V8 reserves gigabytes it never touches
  const ranges: [number, number][] = [];
  let range: [number, number] | undefined;
  for (const line of smaps.split("\n")) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (m) { range = [parseInt(m[1]!, 16), parseInt(m[2]!, 16)]; continue; }
    if (range && line.startsWith("Rss:") && !/^Rss:\s+0 kB/.test(line)) ranges.push(range);
  }
  const pagemap = await open(`/proc/${pid}/pagemap`, "r").catch(() => undefined);
  if (!smaps || !pagemap) return false;
  try {
    for (const [start, end] of ranges) {
      const entries = Buffer.alloc(((end - start) / PAGE) * 8);
      await pagemap.read(entries, 0, entries.length, (start / PAGE) * 8);
      for (let at = 0; at < entries.length; at += 8) {
        const high = entries.readUInt32LE(at + 4);
        if (!(high & 0x80000000)) continue; // bit 63: present in memory
        const frame = (high & 0x7fffff) * 2 ** 32 + entries.readUInt32LE(at); // bits 0–54
        if (frame === 0) return false; // not root: the kernel hides frame numbers
        frames.add(frame);
      }
    }
    return true;
  } finally {
    await pagemap.close();
  }
}
