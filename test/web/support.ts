// What the browser tests share: Debian's chromium (through playwright-core) launched once per test file, the
// directory screenshots go to, and a framework service registered with the test server under an account of its own.
import { after, before } from "node:test";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { Service } from "../../runtime/service/index.js";
import { requireTools } from "../support/tools.js";
import type { TestServer } from "../support/server.js";

export const SHOTS = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));

/** Launches chromium before the file's tests (failing, naming it, when it is missing) and closes it after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    requireTools("chromium");
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => { await browser?.close(); });
  return () => browser!;
}

/** A service `name` in `namespace`, registered with the test server under its own service account. */
export async function startService(server: TestServer, name: string, namespace: string, register: (s: Service) => void): Promise<Service> {
  const creds = await server.serviceAccount(namespace, name);
  const srv = new Service({ name, env: { proxy: server.proxyAddress, namespace, ...creds } });
  register(srv);
  await srv.start();
  return srv;
}
