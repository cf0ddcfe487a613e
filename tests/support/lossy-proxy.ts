/**
 * A proxy on 127.0.0.1 in front of a fake server that can lose answers: the request reaches the server
 * and takes effect, but the connection is cut before the client reads the reply. This is the failure that
 * makes "look it up before creating it" necessary.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A running proxy. */
export interface LossyProxy {
  url: string;
  /**
   * The next `times` requests matching `method` and `path` reach the server, but their answers are lost;
   * with `skip`, that many matching requests are answered first.
   */
  loseAnswers(method: string, path: RegExp, times?: number, skip?: number): void;
  /** Answers lost so far. */
  readonly lost: number;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (`http://127.0.0.1:<port>`). */
export async function startLossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const rules: { method: string; path: RegExp; left: number; skip: number }[] = [];
  let lost = 0;
  const server: Server = createServer((req, res) => {
    let rule = rules.find((r) => r.left > 0 && r.method === req.method && r.path.test(req.url ?? ""));
    if (rule && rule.skip > 0) {
      rule.skip--;
      rule = undefined;
    } else if (rule) rule.left--;
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer: IncomingMessage) => {
        if (rule) {
          answer.resume();
          answer.on("end", () => {
            lost++;
            res.socket?.destroy();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.socket?.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    loseAnswers: (method, path, times = 1, skip = 0) => void rules.push({ method, path, left: times, skip }),
    get lost() {
      return lost;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
