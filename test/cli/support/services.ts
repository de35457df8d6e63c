// The services the CLI tests call: helloworld (as `micro new` writes it, with endpoint descriptions) and
// kitchen, whose Order echoes back a request with every kind of field a flag can set.
import { defineService } from "../../../runtime/rpc/define.js";
import { NotFound, Unauthorized } from "../../../runtime/rpc/errors.js";
import type { ServiceImpl } from "../../../runtime/rpc/types.js";
import { Helloworld } from "../../gen/helloworld_pb.js";
import { Kitchen } from "../gen/kitchen_pb.js";
import type { Platform } from "./platform.js";

export const helloworldDef = defineService(Helloworld, {
  methods: {
    call: { doc: "Call greets the named person." },
    message: { doc: "Message leaves a message for the named person." },
    stream: { doc: "Stream counts from 0 to count-1." },
  },
});

export const helloworldImpl: ServiceImpl<typeof Helloworld> = {
  call: (req) => {
    if (req.name === "nobody") throw NotFound("helloworld", "nobody is not here");
    if (req.name === "intruder") throw Unauthorized("helloworld", "go away");
    return { msg: `Hello ${req.name}` };
  },
  // echoes the x-trace metadata so tests can see `--metadata` arrive
  message: (req, ctx) => ({ msg: `Message for ${req.name}${ctx.metadata["x-trace"] ? ` (trace ${ctx.metadata["x-trace"]})` : ""}` }),
  async *stream(req) {
    for (let i = 0n; i < req.count; i++) yield { count: i };
  },
  async *pingPong(reqs) {
    for await (const ping of reqs) yield { stroke: ping.stroke };
  },
};

export const kitchenDef = defineService(Kitchen, {
  methods: { order: { doc: "Order echoes the request back." }, count: { doc: "Count streams 1..to." } },
});

export const kitchenImpl: ServiceImpl<typeof Kitchen> = {
  order: (req) => req,
  async *count(req) {
    for (let n = 1n; n <= req.to; n++) yield { n };
  },
  slow: async (req, ctx) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Number(req.to));
      ctx.signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
    });
    return { n: req.to };
  },
};

/** helloworld, foobar (the same proto under another name) and kitchen, in namespace micro. */
export async function startFixtures(platform: Platform): Promise<void> {
  await platform.startService("helloworld", helloworldDef, helloworldImpl);
  await platform.startService("foobar", helloworldDef, helloworldImpl);
  await platform.startService("kitchen", kitchenDef, kitchenImpl);
}
