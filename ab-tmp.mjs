const r = () => (process.memoryUsage().rss/1048576).toFixed(1);
const r0 = r();
const { open } = await import("lmdb");
const r1 = r();
const db = open({ path: "/tmp/abtest-lmdb" });
for (let i = 0; i < 1000; i++) await db.put("a" + i, { x: i, s: "y".repeat(100) });
for (let i = 0; i < 1000; i++) db.get("a" + i);
console.log("rss", r0, r1, r(), "ab", (process.memoryUsage().arrayBuffers/1048576).toFixed(1));
