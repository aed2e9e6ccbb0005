import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the stand-in provider received it. */
export interface SmsRequest {
  method: string;
  path: string;
  authorization: string | null;
  idempotencyToken: string | null;
  contentType: string | null;
  fields: Record<string, string>;
}

/** What the next requests get instead of an answer: an error status, or none at all (a hang). */
type Trouble = { status: 500 | 429 } | { hang: true };

/** A message the provider accepted to send, once per idempotency token. */
export interface SmsAccepted {
  sid: string;
  to: string;
  body: string;
  /** The account it was sent under (the URL's Accounts/<sid>): which instance sent it. */
  account: string;
}

/**
 * A local HTTP server standing in for a Twilio-style provider, on a free port: it keeps each
 * request (its auth and idempotency headers and its form) and answers 201 with a message sid,
 * or, on demand (`troubleNext`), an error or nothing, so the client's timeout fires. As a provider
 * does, it sends a message once per idempotency token: a repeat gets the first answer again and
 * is counted in `repeats`, and `accepted` holds what it would have sent.
 */
export async function startSmsProvider() {
  const received: SmsRequest[] = [];
  const trouble: Trouble[] = [];
  const hanging = new Set<ServerResponse>();
  const accepted = new Map<string, SmsAccepted>();
  const repeats = { count: 0 };
  let sent = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization ?? null,
        idempotencyToken: (req.headers["i-twilio-idempotency-token"] as string | undefined) ?? null,
        contentType: req.headers["content-type"] ?? null,
        fields: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))),
      });
      const next = trouble.shift();
      if (next && "hang" in next) {
        hanging.add(res);
        return;
      }
      if (next) {
        res.writeHead(next.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 20500, message: "The provider is in trouble." }));
        return;
      }
      const request = received.at(-1)!;
      const token = request.idempotencyToken ?? `untokened-${received.length}`;
      let message = accepted.get(token);
      if (message) repeats.count++;
      else {
        sent++;
        message = {
          sid: `SM${String(sent).padStart(32, "0")}`,
          to: request.fields.To ?? "",
          body: request.fields.Body ?? "",
          account: /\/Accounts\/([^/]+)\//.exec(request.path)?.[1] ?? "",
        };
        accepted.set(token, message);
      }
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ sid: message.sid, status: "queued" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    accepted,
    repeats,
    /** The next request gets this instead of a 201. */
    troubleNext: (t: Trouble) => trouble.push(t),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
