import { beforeEach, describe, expect, it } from "vitest";
import {
  clearAllDrafts,
  type Draft,
  draftKey,
  interruptedDraft,
  markInterrupted,
  pruneDrafts,
  readDraft,
  writeDraft,
} from "@/components/drafts/draft-storage";

/** A tab's sessionStorage, as the browser gives one: the rules below are about what it keeps. */
class TabStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

let tab: TabStorage;
beforeEach(() => {
  tab = new TabStorage();
  (globalThis as { window?: unknown }).window = { sessionStorage: tab };
});

const ALICE = "11111111-1111-4111-8111-111111111111";
const BOB = "22222222-2222-4222-8222-222222222222";
const draft = (savedAt: number, sentAt?: number): Draft => ({ savedAt, sentAt, fields: { body: "typed" } });

describe("drafts in the tab's storage (ADR 015)", () => {
  it("names a draft by person, page and form, with the page's path kept to one segment of the key", () => {
    expect(draftKey(ALICE, "/patients/a:b/messages", "x-0")).toBe(
      `cb:draft:v1:${ALICE}:%2Fpatients%2Fa%3Ab%2Fmessages:x-0`,
    );
  });

  it("puts back a draft typed before the sign-in page after a time-out, and not one typed after it", () => {
    markInterrupted(1_000);
    expect(interruptedDraft(draft(900), 30_000)).toBe(true);
    expect(interruptedDraft(draft(1_100), 30_000)).toBe(false);
  });

  it("puts back nothing when the sign-in page was never reached", () => {
    expect(interruptedDraft(draft(900), 30_000)).toBe(false);
  });

  it("puts back a sent draft only when the sign-in page came right after the sending", () => {
    markInterrupted(10_000);
    // Sent, and the server answered with the sign-in page: the submit never got through.
    expect(interruptedDraft(draft(9_000, 9_500), 3_000)).toBe(true);
    // Sent long before: it was taken, and this time-out came a whole idle period later.
    expect(interruptedDraft(draft(1_000, 1_000), 3_000)).toBe(false);
  });

  it("counts the first visit of the sign-in page after the typing, not a reload of it", () => {
    writeDraft(draftKey(ALICE, "/me", "a-0"), draft(500));
    markInterrupted(1_000);
    markInterrupted(60_000);
    expect(interruptedDraft(draft(500, 400), 3_000)).toBe(true);
    // Typing after it makes the next visit the one that counts.
    writeDraft(draftKey(ALICE, "/me", "a-0"), draft(70_000));
    markInterrupted(80_000);
    expect(interruptedDraft(draft(70_000), 3_000)).toBe(true);
    expect(interruptedDraft(draft(500, 400), 3_000)).toBe(false);
  });

  it("keeps only this person's drafts of this page", () => {
    const mine = draftKey(ALICE, "/patients/1/messages", "m-0");
    const minePage2 = draftKey(ALICE, "/patients/1", "m-0");
    const bobs = draftKey(BOB, "/patients/1/messages", "m-0");
    for (const key of [mine, minePage2, bobs]) writeDraft(key, draft(1));
    tab.setItem("other-app", "kept");
    pruneDrafts(ALICE, "/patients/1/messages");
    expect(readDraft(mine)).not.toBeNull();
    expect(readDraft(minePage2)).toBeNull();
    expect(readDraft(bobs)).toBeNull();
    expect(tab.getItem("other-app")).toBe("kept");
  });

  it("forgets every cb: key at sign-out, and nothing else", () => {
    writeDraft(draftKey(ALICE, "/me", "a-0"), draft(1));
    markInterrupted(2);
    tab.setItem("other-app", "kept");
    clearAllDrafts();
    expect(tab.length).toBe(1);
    expect(tab.getItem("other-app")).toBe("kept");
  });

  it("reads a damaged or foreign value as no draft", () => {
    const key = draftKey(ALICE, "/me", "a-0");
    tab.setItem(key, "{not json");
    expect(readDraft(key)).toBeNull();
    tab.setItem(key, JSON.stringify({ fields: {} }));
    expect(readDraft(key)).toBeNull();
  });
});
