import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, installPeerAddressStamp, normalise, PEER_HEADER } from "@/lib/auth/client-address";
import { parseEnv } from "@/lib/env";

const FORGED = "203.0.113.66";

describe("the client address with TRUST_PROXY_HOPS unset: the socket's", () => {
  it("reads the socket's stamp and ignores X-Forwarded-For, however it is written", () => {
    const h = new Headers({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": `${FORGED}, 10.0.0.1` });
    expect(clientAddress(h, undefined)).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "::ffff:127.0.0.1" }), undefined)).toBe("127.0.0.1");
  });

  it("is unknown, never the claimed address, when nothing stamped the request", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": FORGED }), undefined)).toBe("unknown");
  });
});

describe("the client address behind TRUST_PROXY_HOPS=N proxies: the Nth X-Forwarded-For entry from the right", () => {
  const chain = new Headers({
    [PEER_HEADER]: "10.0.0.9",
    "x-forwarded-for": `${FORGED}, 192.0.2.10, 10.0.0.2`,
  });

  it("N=1: the address the one proxy saw, not what the client wrote to its left", () => {
    expect(clientAddress(chain, 1)).toBe("10.0.0.2");
  });

  it("N=2: the address the outer proxy saw", () => {
    expect(clientAddress(chain, 2)).toBe("192.0.2.10");
  });

  it("takes the leftmost entry when the request passed fewer proxies, and the socket when none", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "192.0.2.10" }), 2)).toBe("192.0.2.10");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "10.0.0.9" }), 1)).toBe("10.0.0.9");
  });

  it("keeps only addresses: ports dropped, junk unknown", () => {
    expect(normalise("192.0.2.10:4711")).toBe("192.0.2.10");
    expect(normalise("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "<script>, 10.0.0.2" }), 2)).toBe("unknown");
    expect(normalise("x".repeat(80))).toBe("unknown");
  });
});

describe("the socket stamp", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    installPeerAddressStamp();
    server = http.createServer((req, res) => {
      res.end(
        JSON.stringify({ peer: req.headers[PEER_HEADER], xff: req.headers["x-forwarded-for"] ?? null }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("writes the socket's address over a client's copy of the header, and leaves X-Forwarded-For alone", async () => {
    const response = await fetch(base, { headers: { [PEER_HEADER]: FORGED, "x-forwarded-for": FORGED } });
    expect(await response.json()).toEqual({ peer: "127.0.0.1", xff: FORGED });
    const plain = await fetch(base);
    expect(await plain.json()).toEqual({ peer: "127.0.0.1", xff: null });
  });
});

describe("the environment: addresses and links", () => {
  const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/carebridge" };

  it("requires PUBLIC_URL in production and says so", () => {
    expect(() => parseEnv(production)).toThrow(/PUBLIC_URL: PUBLIC_URL is required in production/);
    expect(parseEnv({ ...production, PUBLIC_URL: "https://care.example.org/" }).PUBLIC_URL).toBe(
      "https://care.example.org",
    );
  });

  it("defaults to this port on localhost in the demo (production-built, embedded database) and in tests", () => {
    expect(parseEnv({ NODE_ENV: "production" }).PUBLIC_URL).toBe("http://localhost:3000");
    expect(parseEnv({ NODE_ENV: "production", PORT: "3100" }).PUBLIC_URL).toBe("http://localhost:3100");
    expect(parseEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://db/t" }).PUBLIC_URL).toBe(
      "http://localhost:3000",
    );
  });

  it("refuses a PUBLIC_URL with a path or another scheme", () => {
    expect(() => parseEnv({ PUBLIC_URL: "https://care.example.org/portal" })).toThrow(/origin only/);
    expect(() => parseEnv({ PUBLIC_URL: "javascript:alert(1)" })).toThrow(/http\(s\) URL/);
  });

  it("reads TRUST_PROXY_HOPS as a count of at least 1, unset when empty", () => {
    expect(parseEnv({}).TRUST_PROXY_HOPS).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY_HOPS: "" }).TRUST_PROXY_HOPS).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY_HOPS: "2" }).TRUST_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY_HOPS: "0" })).toThrow(/TRUST_PROXY_HOPS/);
  });
});
