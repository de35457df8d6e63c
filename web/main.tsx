// The web interface's entry (bundled by scripts/build-web.mjs into dist/web/assets/main-<hash>.js).
import { render } from "preact";
import { App } from "./app.js";
import { interceptLinks } from "./router.js";
import "./style.css";

interceptLinks();
render(<App />, document.getElementById("app")!);
