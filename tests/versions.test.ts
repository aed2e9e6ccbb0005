import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The registry's audit service does not answer on these machines, so the floors of the
// 2025–2026 React Server Components advisories are checked here instead.
const FLOORS = { next: "16.2.6", react: "19.2.6", "react-dom": "19.2.6" } as const;

function installed(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string })
    .version;
}

function atLeast(actual: string, floor: string): boolean {
  const a = actual.split(/[.-]/).map(Number);
  const f = floor.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (f[i] ?? 0)) return (a[i] ?? 0) > (f[i] ?? 0);
  }
  return true;
}

describe("installed framework versions", () => {
  for (const [name, floor] of Object.entries(FLOORS)) {
    it(`${name} is at least ${floor}`, () => {
      expect(atLeast(installed(name), floor), `${name} ${installed(name)}`).toBe(true);
    });
  }

  it("compares versions numerically", () => {
    expect(atLeast("16.10.0", "16.2.6")).toBe(true);
    expect(atLeast("16.2.5", "16.2.6")).toBe(false);
    expect(atLeast("19.2.6", "19.2.6")).toBe(true);
  });
});
