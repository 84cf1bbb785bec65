import { request } from "node:http";

export interface HttpReply {
  status: number;
  body: string;
}

/** One GET with a deadline; rejects on refusal, reset or timeout (the caller makes that "unknown"). */
export function httpGet(host: string, port: number, path: string, timeoutMs: number): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: "GET", agent: false, timeout: timeoutMs, headers: { connection: "close" } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= 1 << 20) chunks.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}
