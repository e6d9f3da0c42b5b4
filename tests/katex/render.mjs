// Renders LaTeX with KaTeX the way `wick --format html` pages do (display mode), but with throwOnError: true.
// stdin: a JSON array of {"name": ..., "latex": ...}; stdout: a JSON array of {"name", "error"} for each failure.
// Exit code 0 when every formula rendered, 1 otherwise.
import katex from "katex";
import { readFileSync } from "node:fs";

const items = JSON.parse(readFileSync(0, "utf8"));
const failures = [];
for (const { name, latex } of items) {
  try {
    const html = katex.renderToString(latex, { displayMode: true, throwOnError: true, strict: "ignore" });
    if (!html.includes('class="katex"')) failures.push({ name, error: "no KaTeX markup produced" });
  } catch (e) {
    failures.push({ name, error: String(e.message ?? e) });
  }
}
process.stdout.write(JSON.stringify({ rendered: items.length - failures.length, failures }));
process.exitCode = failures.length === 0 ? 0 : 1;
