// `npm run gen`: regenerates every checked-in generated file (see checked-in.ts).
import { generateFromDir } from "../generate.js";
import { CHECKED_IN } from "./checked-in.js";

for (const spec of CHECKED_IN) {
  const result = await generateFromDir({ ...spec, cache: false });
  process.stdout.write(`${spec.dir} → ${spec.out}: ${result.files.length} files\n`);
}
