/** POST /write to the witness with node:http (the image's Node has no other HTTP client we rely on). */
import { request } from "node:http";
import type { WriteAnswer, WriteRequest } from "./write-loop.js";

export function postWrite(base: string, body: WriteRequest, timeoutMs = 2000): Promise<WriteAnswer> {
  return new Promise((resolve) => {
    const text = JSON.stringify(body);
    const req = request(`${base}/write`, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        } catch {
          // not JSON: the status says enough
        }
        resolve({
          status: res.statusCode ?? 0,
          ...(typeof parsed["outcome"] === "string" ? { outcome: parsed["outcome"] } : {}),
          ...(typeof parsed["highest"] === "string" ? { highest: parsed["highest"] } : {}),
        });
      });
      res.on("error", (err) => resolve({ error: err.message }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (err) => resolve({ error: err.message }));
    req.end(text);
  });
}
