/**
 * A tiny service for observer tests, run with `node -e` in splitbrain/candidate-node: its role is
 * the content of /tmp/role, which the test writes with `docker exec`. It answers GET /role on
 * port 8080 with 200 when the role is "leader" and 503 otherwise, and logs "became <role>" on
 * every change; with the role "silent" it accepts connections and never answers (a service that
 * hangs). c1 starts as leader, the others as followers. It prints no protocol lines.
 */
export const ROLE_SERVICE_JS = `
const fs = require("fs"), http = require("http");
const file = "/tmp/role";
fs.writeFileSync(file, process.env.SB_NODE === "c1" ? "leader" : "follower");
let role = "";
const read = () => { try { return fs.readFileSync(file, "utf8").trim(); } catch { return ""; } };
setInterval(() => { const r = read(); if (r !== role) { role = r; console.log("became " + r); } }, 50);
http.createServer((req, res) => { const r = read(); if (r === "silent") return; res.writeHead(r === "leader" ? 200 : 503); res.end(r); }).listen(8080);
`;

/** The candidate file of that service, for the given image and http port. */
export function roleServiceFile(image: string, port = 8080, readyTimeoutMs?: number): string {
  return [
    `image: ${image}`,
    `command: [node, -e, ${JSON.stringify(ROLE_SERVICE_JS)}]`,
    "observe:",
    `  - http: { port: ${port}, path: /role, leader: { status: 200 } }`,
    "  - exec: { command: [cat, /tmp/role], leader: { stdout: leader }, pollMs: 200 }",
    '  - log: { leader: "became leader", follower: "became follower" }',
    ...(readyTimeoutMs !== undefined ? [`ready: { timeoutMs: ${readyTimeoutMs} }`] : []),
    "",
  ].join("\n");
}
