import { SMTPServer } from "smtp-server";

/** A message as the test's SMTP server received it, its subject and body decoded. */
export interface Received {
  to: string[];
  messageId: string | null;
  subject: string | null;
  language: string | null;
  body: string;
  raw: string;
  /** The name the client greeted with (EHLO): which instance sent it. */
  helo: string;
}

/** Bytes written as =XX (quoted-printable, and the Q encoding of headers) back to UTF-8 text. */
function unquote(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "=" ? text.slice(i + 1, i + 3) : "";
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A header's encoded words (=?UTF-8?Q?…?= or ?B?) decoded. */
const decodeHeader = (value: string) =>
  value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : unquote(text.replace(/_/g, " ")),
  );

function bodyOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head ?? ""))
    return unquote(body.replace(/=\r?\n/g, ""));
  if (/^Content-Transfer-Encoding: base64/im.test(head ?? ""))
    return Buffer.from(body, "base64").toString("utf8");
  return body;
}

/**
 * A real SMTP server on a free local port, for the notifications to reach: it keeps what it
 * accepts, refuses the next messages on demand (`refuse`) as a server in trouble would, and may
 * take `acceptAfterMs` to answer each message (a slow server: a client killed meanwhile never
 * hears it was accepted).
 */
export async function startSmtpServer() {
  const received: Received[] = [];
  const state = { refuse: 0, acceptAfterMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    // A client's pool keeps connections open between messages: closing does not wait 30 s for them.
    closeTimeout: 200,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (state.refuse > 0) {
          state.refuse--;
          const error = new Error("Mailbox busy, try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        // Folded headers are unfolded first.
        const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
        const header = (name: string) =>
          headers.match(new RegExp(`^${name}: (.*)$`, "im"))?.[1]?.trim() ?? null;
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header("Message-ID"),
          subject: decodeHeader(header("Subject") ?? ""),
          language: header("Content-Language"),
          body: bodyOf(raw),
          raw,
          helo: session.hostNameAppearsAs,
        });
        if (state.acceptAfterMs > 0) setTimeout(() => callback(), state.acceptAfterMs);
        else callback();
      });
    },
  });
  // A client that dies in the middle of a message (a worker killed) resets its connection: a real
  // server logs it and goes on. Unheard, the server's 'error' would be the test process's crash.
  // Listened for once it listens: a failure to listen still fails the test at once.
  const connectionErrors: Error[] = [];
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.on("error", (error) => connectionErrors.push(error));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    connectionErrors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
