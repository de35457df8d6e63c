// Preloaded into `npm install` run as a sandbox user (NODE_OPTIONS=--import, see builder.ts). npm links the bins of
// a `file:` dependency — the scaffold's micro-ts toolchain, say — by chmod'ing them in place (bin-links' fixBin),
// and in a sandbox that directory is another user's, so the chmod fails with EPERM although the file already has
// the mode asked for. Here a chmod to the permission bits a file already has succeeds as the no-op it is; any
// other chmod behaves as before.
import fs from "node:fs";
import fsp from "node:fs/promises";

const chmod = fsp.chmod;

fsp.chmod = async (path: fs.PathLike, mode: fs.Mode): Promise<void> => {
  try {
    await chmod(path, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM" || !(await hasMode(path, mode))) throw err;
  }
};

async function hasMode(path: fs.PathLike, mode: fs.Mode): Promise<boolean> {
  const wanted = typeof mode === "string" ? parseInt(mode, 8) : mode;
  const current = await fsp.stat(path).then((s) => s.mode & 0o7777, () => undefined);
  return current === (wanted & 0o7777);
}
