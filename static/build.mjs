// Builds static/dist from static/src: the GOV.UK Frontend CSS with Arial (no web font) and the
// GOV.UK Frontend JavaScript. Run by `npm run build` (the Makefile does this); the output is not
// committed.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const dist = join(here, "dist");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(dist, { recursive: true });

const css = sass.compile(join(here, "src", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
if (css.css.includes("@font-face")) {
  throw new Error("The built CSS must not load a web font (GDS Transport is for GOV.UK only).");
}
writeFileSync(join(dist, "app.css"), css.css);

// The live conference screen's own large-type stylesheet, loaded after app.css on that page only.
const liveCss = sass.compile(join(here, "src", "live.scss"), { style: "compressed" });
writeFileSync(join(dist, "live.css"), liveCss.css);

copyFileSync(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
copyFileSync(join(here, "src", "app.mjs"), join(dist, "app.mjs"));
copyFileSync(join(here, "src", "live.mjs"), join(dist, "live.mjs"));
copyFileSync(join(here, "src", "autosave.mjs"), join(dist, "autosave.mjs"));
copyFileSync(join(here, "src", "plan-check.mjs"), join(dist, "plan-check.mjs"));
copyFileSync(join(here, "src", "waiting.mjs"), join(dist, "waiting.mjs"));
copyFileSync(join(here, "src", "favicon.svg"), join(dist, "favicon.svg"));
console.log("Built static/dist");
