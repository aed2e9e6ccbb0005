import { beforeAll, describe, expect, it } from "vitest";
import { captureStatements, getDatabase } from "@/db/client";
import { getSchedule } from "@/lib/appointments/schedule";
import { listAuditEvents } from "@/lib/audit";
import type { Actor } from "@/lib/authz";
import { getConcernDashboard, listConcernWorklist } from "@/lib/concerns";
import { ConcernWorklistQuerySchema } from "@/lib/concerns/schemas";
import { getDashboard } from "@/lib/dashboard";
import {
  countUnread,
  getConversation,
  listInboxPage,
  listPatientMessages,
  startConversation,
} from "@/lib/messages";
import { listMyWork } from "@/lib/my-work";
import { getStaffDashboard, listCaseload, searchPatients } from "@/lib/patients";
import { CaseloadQuerySchema } from "@/lib/patients/schemas";
import { getRecordAccessLog } from "@/lib/portal/access-log";
import { getTimeline } from "@/lib/portal/timeline";
import { listRightsWorklist } from "@/lib/rights-requests";
import { RightsWorklistQuerySchema } from "@/lib/rights-requests/schemas";
import { actorFor, assignToCaseload, createUser } from "./support/factories";

/**
 * Indexes, not table scans: each worklist's statements are planned with sequential scans
 * switched off, and none may still scan appointments, concerns, rights requests, audit events or
 * messages whole. With enable_seqscan off the planner only falls back to a sequential scan when
 * no index can serve the query, so the check holds at any scale (it is the benchmark's question,
 * "does this page stay fast at 100,000 patients?", asked of the plan rather than the stopwatch).
 * Whether the planner then picks the index at a given size is the benchmark's to show: it needed
 * random_page_cost (db/client.ts) to do so for the unread count at 10,000 patients.
 */
const GUARDED = new Set(["appointments", "concerns", "rights_requests", "audit_events", "messages"]);

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode): string[] {
  const own =
    node["Node Type"] === "Seq Scan" && GUARDED.has(node["Relation Name"] ?? "")
      ? [node["Relation Name"]!]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

async function explain(query: string, params: unknown[]): Promise<PlanNode> {
  const handle = getDatabase();
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.driver === "postgres") {
    const sql = client as import("postgres").Sql;
    const [row] = await sql.begin(async (tx) => {
      await tx.unsafe("set local enable_seqscan = off");
      return tx.unsafe(`explain (format json) ${query}`, params as never[]);
    });
    return (row as unknown as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"][0]!.Plan;
  }
  const pg = client as import("@electric-sql/pglite").PGlite;
  return pg.transaction(async (tx) => {
    await tx.exec("set local enable_seqscan = off");
    const result = await tx.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
      `explain (format json) ${query}`,
      params as unknown[],
    );
    return result.rows[0]!["QUERY PLAN"][0]!.Plan;
  });
}

describe("worklist query plans", () => {
  let coordinator: Actor;
  let advocate: Actor;
  let admin: Actor;
  let patient: Actor;
  let conversation: string;

  beforeAll(async () => {
    coordinator = actorFor(await createUser("coordinator"));
    advocate = actorFor(await createUser("advocate"));
    admin = actorFor(await createUser("admin"));
    const patientUser = await createUser("patient");
    patient = actorFor(patientUser);
    await assignToCaseload(coordinator.userId, patientUser.patientId!, "coordinator");
    await assignToCaseload(advocate.userId, patientUser.patientId!, "advocate");
    const words = { wrongType: "", tooLarge: "", refused: "" };
    const start = { topic: "other" as const, subject: "A question", body: "Hello" };
    conversation = await startConversation(patient, patientUser.patientId!, start, "en", words);
  });

  const worklists: [string, () => Promise<unknown>][] = [
    ["concerns worklist", () => listConcernWorklist(advocate, ConcernWorklistQuerySchema.parse({}))],
    ["concern dashboard", () => getConcernDashboard(advocate)],
    ["rights requests worklist", () => listRightsWorklist(advocate, RightsWorklistQuerySchema.parse({}))],
    ["schedule, week", () => getSchedule(coordinator, { view: "week" })],
    ["unread messages, in every staff page's header", () => countUnread(coordinator)],
    ["team inbox, a page", () => listInboxPage(coordinator, 1)],
    [
      "a patient's threads, one open",
      () => listPatientMessages(coordinator, patient.patientId!, { thread: conversation }),
    ],
    ["a conversation, in the portal", () => getConversation(patient, patient.patientId!, conversation, "en")],
    ["my work, coordinator", () => listMyWork(coordinator)],
    ["my work, advocate", () => listMyWork(advocate)],
    ["dashboard's caseload and recent records", () => getStaffDashboard(coordinator)],
    ["the dashboard's one statement, coordinator", () => getDashboard(coordinator)],
    ["the dashboard's one statement, advocate", () => getDashboard(advocate)],
    ["caseload, searched", () => listCaseload(coordinator, CaseloadQuerySchema.parse({ q: "Alv" }))],
    ["patients across the organisation, by name", () => searchPatients(coordinator, "alv m")],
    ["patients across the organisation, by MRN", () => searchPatients(admin, "CB-100001")],
    ["patient's timeline", () => getTimeline(patient, patient.patientId!, {})],
    ["who has seen my record", () => getRecordAccessLog(patient, patient.patientId!, 1)],
    ["audit search", () => listAuditEvents(admin, { page: 1 } as Parameters<typeof listAuditEvents>[1])],
  ];

  it("sees a scan no index can serve (the check can fail)", async () => {
    const plan = await explain("select id from concerns where what_happened = $1", ["Waited"]);
    expect(seqScans(plan)).toEqual(["concerns"]);
  });

  it("finds patients across the organisation through an index range, not by reading every name", async () => {
    const statements = (await captureStatements(() => searchPatients(coordinator, "alv m"))).filter((s) =>
      /^\s*select\b/i.test(s.query),
    );
    expect(statements).toHaveLength(1);
    const plan = await explain(statements[0]!.query, statements[0]!.params);
    const ranged = (node: PlanNode & { "Index Name"?: string; "Index Cond"?: string }): boolean =>
      (node["Index Name"] === "patients_name_idx" && Boolean(node["Index Cond"])) ||
      (node.Plans ?? []).some(ranged);
    expect(ranged(plan), JSON.stringify(plan)).toBe(true);
  });

  for (const [name, work] of worklists) {
    it(`${name}: no sequential scan of a large table`, async () => {
      const statements = (await captureStatements(work)).filter((s) => /^\s*(select|with)\b/i.test(s.query));
      expect(statements.length).toBeGreaterThan(0);
      for (const { query, params } of statements) {
        expect(seqScans(await explain(query, params)), query).toEqual([]);
      }
    });
  }
});
