import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { expectDatabaseError } from "./support/database-errors";
import { createPatient, createUser } from "./support/factories";

// Migration 0026's rules (issue 18), each with the closest statement that keeps it (accepted)
// beside the one that breaks it (refused by that constraint or trigger, with its SQLSTATE).

let patientId: string;
let userId: string;
let questionnaireId: string;
let serviceId: string;

const run = (statement: SQL) => db().execute(statement);
const one = async <T>(statement: SQL) => (await queryRows<T>(db(), statement))[0]!;
const kept = (trigger: string, message: string | RegExp, code = "42501") => ({ code, trigger, message });

async function questionnaire(url = `urn:test:${randomUUID()}`) {
  return one<{ id: string }>(
    sql`insert into questionnaires (url, version, title, resource, scoring)
        values (${url}, '1', 'Test', '{"resourceType":"Questionnaire"}', '[]') returning id`,
  );
}
async function response() {
  const patient = (await createPatient()).id;
  return one<{ id: string; patient_id: string }>(
    sql`insert into questionnaire_responses (patient_id, questionnaire_id, source, started_by, updated_by)
        values (${patient}, ${questionnaireId}, 'patient', ${userId}, ${userId}) returning id, patient_id`,
  );
}

/**
 * A statement with the row triggers off (rolled back): a state check behind a workflow trigger is
 * reached only this way, since the trigger refuses an unknown state first.
 */
async function withoutTriggers(statement: SQL): Promise<unknown> {
  let refusal: unknown;
  await db()
    .transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement).catch((e: unknown) => {
        refusal = e;
      });
      tx.rollback();
    })
    .catch(() => {});
  if (refusal) throw refusal;
  return undefined;
}

/** A unique constraint that no statement can break alone (it backs a composite foreign key). */
async function unique(name: string): Promise<void> {
  const rows = await queryRows<{ n: number }>(
    db(),
    sql`select count(*)::int as n from pg_constraint where conname = ${name} and contype = 'u'`,
  );
  expect(rows[0]!.n, name).toBe(1);
}
async function need(patient = patientId, domain = "food") {
  return one<{ id: string }>(
    sql`insert into needs (patient_id, domain, identified_by, updated_by)
        values (${patient}, ${domain}, ${userId}, ${userId}) returning id`,
  );
}
async function referral(needId: string, patient = patientId, service = serviceId) {
  return one<{ id: string }>(
    sql`insert into referrals (patient_id, need_id, service_id, sent_by, accept_due_on, updated_by)
        values (${patient}, ${needId}, ${service}, ${userId}, current_date + 7, ${userId}) returning id`,
  );
}
async function service(name = `Service ${randomUUID()}`) {
  return one<{ id: string }>(
    sql`insert into services (name, kind, domains, languages, phone, created_by, updated_by)
        values (${name}, 'community', array['food'], array['en','es'], '555-0100', ${userId}, ${userId}) returning id`,
  );
}
async function decision(patient = patientId) {
  return one<{ id: string }>(
    sql`insert into decisions (patient_id, topic, options, choice_in_her_words, participants, decided_on, recorded_by, updated_by)
        values (${patient}, 'Dialysis', array['Dialysis','Conservative care'], 'I want to try dialysis.',
                '[{"kind":"patient","name":"Maria"}]', current_date, ${userId}, ${userId}) returning id`,
  );
}

beforeAll(async () => {
  patientId = (await createPatient()).id;
  userId = (await createUser("advocate")).id;
  questionnaireId = (await questionnaire()).id;
  serviceId = (await service()).id;
});

describe("screening's rules (migration 0026)", () => {
  it("questionnaires: the resource is a Questionnaire, a url and version once, a known status, never changed or deleted", async () => {
    const url = `urn:test:${randomUUID()}`;
    await questionnaire(url);
    await expectDatabaseError(
      run(sql`insert into questionnaires (url, version, title, resource, scoring)
      values (${url}, '1', 'Again', '{"resourceType":"Questionnaire"}', '[]')`),
      {
        code: "23505",
        constraint: "questionnaires_url_version_key",
      },
    );
    await questionnaire(`${url}:2`);
    await expectDatabaseError(
      run(sql`insert into questionnaires (url, version, title, resource, scoring)
      values (${`${url}:3`}, '1', 'Wrong', '{"resourceType":"Patient"}', '[]')`),
      {
        code: "23514",
        constraint: "questionnaires_resource_type",
      },
    );
    await expectDatabaseError(
      run(sql`update questionnaires set status = 'gone' where id = ${questionnaireId}`),
      {
        code: "23514",
        constraint: "questionnaires_status_check",
      },
    );
    // Retiring is allowed; changing the text is not.
    await run(sql`update questionnaires set status = 'retired' where url = ${url}`);
    await expectDatabaseError(
      run(sql`update questionnaires set scoring = '[{"x":1}]' where url = ${url}`),
      kept("questionnaires_immutable", "a questionnaire version never changes: add a new version", "23514"),
    );
    await expectDatabaseError(
      run(sql`delete from questionnaires where url = ${url}`),
      kept("questionnaires_kept", "questionnaires rows are kept: delete refused"),
    );
  });

  it("questionnaire_responses: states, sources, languages, answers as an object, completion stamped, one in progress", async () => {
    const ok = await response();
    expect(ok.id).toBeTruthy();
    const cases: { set: SQL; constraint: string }[] = [
      { set: sql`status = 'lost'`, constraint: "questionnaire_responses_status_check" },
      { set: sql`source = 'family'`, constraint: "questionnaire_responses_source_check" },
      { set: sql`language = 'fr'`, constraint: "questionnaire_responses_language_check" },
      { set: sql`answers = '[]'`, constraint: "questionnaire_responses_answers_object" },
      { set: sql`status = 'completed'`, constraint: "questionnaire_responses_completed" },
    ];
    for (const { set, constraint } of cases) {
      const row = await response();
      await expectDatabaseError(run(sql`update questionnaire_responses set ${set} where id = ${row.id}`), {
        code: "23514",
        constraint,
      });
    }
    await expectDatabaseError(
      run(sql`insert into questionnaire_responses (patient_id, questionnaire_id, source, started_by, updated_by)
        values (${ok.patient_id}, ${questionnaireId}, 'staff', ${userId}, ${userId})`),
      { code: "23505", constraint: "questionnaire_responses_one_open_key" },
    );
  });

  it("questionnaire_responses_workflow: a completed screening never changes and none is deleted", async () => {
    const row = await response();
    await run(sql`update questionnaire_responses set answers = '{"q1":["a"]}' where id = ${row.id}`);
    await run(sql`update questionnaire_responses set status = 'completed', completed_at = now(), completed_by = ${userId}
      where id = ${row.id}`);
    await expectDatabaseError(
      run(sql`update questionnaire_responses set answers = '{}' where id = ${row.id}`),
      kept("questionnaire_responses_workflow", "a completed screening cannot change", "23514"),
    );
    await expectDatabaseError(
      run(sql`delete from questionnaire_responses where id = ${row.id}`),
      kept("questionnaire_responses_workflow", "screenings are kept: delete refused"),
    );
    await expectDatabaseError(
      run(sql`truncate questionnaire_responses cascade`),
      kept("questionnaire_responses_no_truncate", /is kept: truncate refused$/),
    );
  });

  it("screening_results: a known domain, once per response, append-only", async () => {
    const row = await response();
    const add = (domain: string) =>
      run(sql`insert into screening_results (response_id, patient_id, domain, positive)
        values (${row.id}, ${row.patient_id}, ${domain}, true)`);
    await add("food");
    await expectDatabaseError(add("food"), {
      code: "23505",
      constraint: "screening_results_response_domain_key",
    });
    await expectDatabaseError(add("weather"), {
      code: "23514",
      constraint: "screening_results_domain_check",
    });
    await expectDatabaseError(
      run(sql`update screening_results set positive = false where response_id = ${row.id}`),
      kept("screening_results_append_only", "screening_results is append-only: update refused"),
    );
  });
});

describe("needs' rules (migration 0026)", () => {
  it("needs: a known domain and status, starts open, met only with its reason, one unmet need per domain", async () => {
    const patient = (await createPatient()).id;
    const first = await need(patient, "transportation");
    await expectDatabaseError(need(patient, "transportation"), {
      code: "23505",
      constraint: "needs_one_unmet_per_domain_key",
    });
    await expectDatabaseError(need(patient, "weather"), { code: "23514", constraint: "needs_domain_check" });
    await expectDatabaseError(
      run(sql`insert into needs (patient_id, domain, status, identified_by, updated_by)
        values (${patient}, 'utilities', 'met', ${userId}, ${userId})`),
      kept("needs_insert_open", "a need starts open", "23514"),
    );
    await expectDatabaseError(withoutTriggers(sql`update needs set status = 'gone' where id = ${first.id}`), {
      code: "23514",
      constraint: "needs_status_check",
    });
    await expectDatabaseError(run(sql`update needs set status = 'met' where id = ${first.id}`), {
      code: "23514",
      constraint: "needs_met_reason",
    });
    await run(
      sql`update needs set status = 'met', met_at = now(), met_reason = 'patient-said' where id = ${first.id}`,
    );
    // Met, the domain is free for a new need.
    await need(patient, "transportation");
    expect(await one<{ unique: string }>(sql`select 'ok' as unique`)).toEqual({ unique: "ok" });
  });

  it("needs_workflow: only the allowed moves; met by a referral needs a completed one; kept", async () => {
    const patient = (await createPatient()).id;
    const row = await need(patient, "food");
    await expectDatabaseError(
      run(
        sql`update needs set status = 'met', met_at = now(), met_reason = 'referral-completed' where id = ${row.id}`,
      ),
      kept("needs_workflow", "a need is met by a completed referral or the patient's word", "23514"),
    );
    await run(sql`update needs set status = 'declined' where id = ${row.id}`);
    await expectDatabaseError(
      run(sql`update needs set status = 'referred' where id = ${row.id}`),
      kept("needs_workflow", "a need cannot go from declined to referred", "23514"),
    );
    await expectDatabaseError(
      run(sql`update needs set domain = 'utilities' where id = ${row.id}`),
      kept("needs_workflow", "a need stays with its patient and domain", "23514"),
    );
    await expectDatabaseError(
      run(sql`delete from needs where id = ${row.id}`),
      kept("needs_workflow", "needs are kept: delete refused"),
    );
    await expectDatabaseError(
      run(sql`truncate needs cascade`),
      kept("needs_no_truncate", /is kept: truncate refused$/),
    );
  });

  it("need_transitions: allowed pairs only, append-only", async () => {
    const row = await need((await createPatient()).id, "food");
    const add = (from: string | null, to: string) =>
      run(sql`insert into need_transitions (need_id, from_status, to_status, actor_id)
        values (${row.id}, ${from}, ${to}, ${userId})`);
    await add(null, "open");
    await add("open", "referred");
    await expectDatabaseError(add("declined", "met"), {
      code: "23514",
      constraint: "need_transitions_allowed",
    });
    await expectDatabaseError(
      run(sql`delete from need_transitions where need_id = ${row.id}`),
      kept("need_transitions_append_only", "need_transitions is append-only: delete refused"),
    );
  });
});

describe("the directory's and referrals' rules (migration 0026)", () => {
  it("services: a kind, known domains, language codes, a way to reach it, a name once; kept", async () => {
    const name = `Food bank ${randomUUID()}`;
    await service(name);
    await expectDatabaseError(service(name.toUpperCase()), {
      code: "23505",
      constraint: "services_name_key",
    });
    const cases: { set: SQL; constraint: string }[] = [
      { set: sql`kind = 'shop'`, constraint: "services_kind_check" },
      { set: sql`name = ''`, constraint: "services_name_check" },
      { set: sql`domains = array['weather']`, constraint: "services_domains_check" },
      { set: sql`domains = array[]::text[]`, constraint: "services_domains_check" },
      { set: sql`languages = array['English']`, constraint: "services_languages_check" },
      { set: sql`phone = null`, constraint: "services_contact_check" },
    ];
    for (const { set, constraint } of cases)
      await expectDatabaseError(run(sql`update services set ${set} where id = ${serviceId}`), {
        code: "23514",
        constraint,
      });
    await run(
      sql`update services set phone = null, website = 'https://food.example' where id = ${serviceId}`,
    );
    await expectDatabaseError(
      run(sql`delete from services where id = ${serviceId}`),
      kept("services_kept", "services rows are kept: delete refused"),
    );
  });

  it("referrals: the same patient's need, one open per service, states stamped, feedback whole", async () => {
    const patient = (await createPatient()).id;
    const row = await need(patient, "food");
    await expectDatabaseError(referral(row.id, (await createPatient()).id), {
      code: "23503",
      constraint: "referrals_need_same_patient_fk",
    });
    const sent = await referral(row.id, patient);
    await expectDatabaseError(referral(row.id, patient), {
      code: "23505",
      constraint: "referrals_one_open_per_service_key",
    });
    await referral(row.id, patient, (await service()).id);
    await expectDatabaseError(
      withoutTriggers(
        sql`update referrals set status = 'lost', accepted_at = now(), complete_due_on = current_date where id = ${sent.id}`,
      ),
      {
        code: "23514",
        constraint: "referrals_status_check",
      },
    );
    const cases: { set: SQL; constraint: string }[] = [
      { set: sql`status = 'accepted'`, constraint: "referrals_accepted" },
      { set: sql`status = 'declined'`, constraint: "referrals_ended_with_outcome" },
      { set: sql`patient_feedback = 'got-help'`, constraint: "referrals_feedback" },
    ];
    for (const { set, constraint } of cases)
      await expectDatabaseError(run(sql`update referrals set ${set} where id = ${sent.id}`), {
        code: "23514",
        constraint,
      });
    await run(
      sql`update referrals set patient_feedback = 'got-help', patient_feedback_at = now() where id = ${sent.id}`,
    );
  });

  it("referrals_workflow: starts sent, allowed moves only, an ended one changes only by her word; kept", async () => {
    const patient = (await createPatient()).id;
    const row = await need(patient, "utilities");
    await expectDatabaseError(
      run(sql`insert into referrals (patient_id, need_id, service_id, status, sent_by, accept_due_on, updated_by)
        values (${patient}, ${row.id}, ${serviceId}, 'accepted', ${userId}, current_date, ${userId})`),
      kept("referrals_workflow", "a referral starts as sent", "23514"),
    );
    const r = await referral(row.id, patient);
    await expectDatabaseError(
      run(sql`update referrals set status = 'completed', ended_at = now(), outcome = 'x' where id = ${r.id}`),
      kept("referrals_workflow", "a referral cannot go from sent to completed", "23514"),
    );
    await run(
      sql`update referrals set status = 'accepted', accepted_at = now(), complete_due_on = current_date + 14 where id = ${r.id}`,
    );
    await run(
      sql`update referrals set status = 'completed', ended_at = now(), outcome = 'Food delivered' where id = ${r.id}`,
    );
    await expectDatabaseError(
      run(sql`update referrals set outcome = 'rewritten' where id = ${r.id}`),
      kept("referrals_workflow", "an ended referral cannot change", "23514"),
    );
    await run(
      sql`update referrals set patient_feedback = 'did-not-work', patient_feedback_at = now() where id = ${r.id}`,
    );
    await expectDatabaseError(
      run(sql`delete from referrals where id = ${r.id}`),
      kept("referrals_workflow", "referrals are kept: delete refused"),
    );
    await expectDatabaseError(
      run(sql`truncate referrals cascade`),
      kept("referrals_no_truncate", /is kept: truncate refused$/),
    );
  });

  it("referral_transitions: allowed pairs only, append-only", async () => {
    const patient = (await createPatient()).id;
    const r = await referral((await need(patient, "food")).id, patient);
    const add = (from: string | null, to: string) =>
      run(sql`insert into referral_transitions (referral_id, from_status, to_status, actor_id)
        values (${r.id}, ${from}, ${to}, ${userId})`);
    await add(null, "sent");
    await expectDatabaseError(add("completed", "sent"), {
      code: "23514",
      constraint: "referral_transitions_allowed",
    });
    await expectDatabaseError(
      run(sql`update referral_transitions set note = 'x' where referral_id = ${r.id}`),
      kept("referral_transitions_append_only", "referral_transitions is append-only: update refused"),
    );
  });
});

describe("who decides, and decision records (migration 0026)", () => {
  const agent = (patient: string, over: SQL = sql`'agent', 0`) =>
    run(sql`insert into care_agents (patient_id, rank, position, name, relationship, phone, updated_by)
      values (${patient}, ${over}, 'Ana', 'Daughter', '555-0101', ${userId})`);

  it("care_agents: one agent, alternates in order, a rank and position that agree, a name, a way to reach them; kept", async () => {
    const patient = (await createPatient()).id;
    await agent(patient);
    await expectDatabaseError(agent(patient), { code: "23505", constraint: "care_agents_one_agent_key" });
    await agent(patient, sql`'alternate', 1`);
    await expectDatabaseError(agent(patient, sql`'alternate', 1`), {
      code: "23505",
      constraint: "care_agents_alternate_order_key",
    });
    await expectDatabaseError(agent(patient, sql`'friend', 2`), {
      code: "23514",
      constraint: "care_agents_rank_check",
    });
    await expectDatabaseError(agent(patient, sql`'alternate', 0`), {
      code: "23514",
      constraint: "care_agents_position_check",
    });
    await expectDatabaseError(run(sql`update care_agents set phone = null where patient_id = ${patient}`), {
      code: "23514",
      constraint: "care_agents_contact_check",
    });
    await expectDatabaseError(run(sql`update care_agents set name = '' where patient_id = ${patient}`), {
      code: "23514",
      constraint: "care_agents_name_check",
    });
    await expectDatabaseError(
      run(sql`delete from care_agents where patient_id = ${patient}`),
      kept("care_agents_kept", "care_agents rows are kept: delete refused"),
    );
  });

  it("advance_directives: a known kind, a whole file or none, archived by someone; the document never edited; kept", async () => {
    const patient = (await createPatient()).id;
    const directive = (file: SQL) =>
      one<{ id: string }>(sql`insert into advance_directives (patient_id, kind, signed_on, original_location,
          file_name, size_bytes, content, recorded_by)
        values (${patient}, 'living-will', '2024-03-01', 'Home safe', ${file}, ${userId}) returning id`);
    const row = await directive(sql`'will.pdf', 4, '\\x25504446'::bytea`);
    await expectDatabaseError(directive(sql`'will.pdf', 5, '\\x25504446'::bytea`), {
      code: "23514",
      constraint: "advance_directives_file_check",
    });
    await expectDatabaseError(
      run(sql`insert into advance_directives (patient_id, kind, signed_on, original_location, recorded_by)
        values (${patient}, 'will', '2024-03-01', 'Home safe', ${userId})`),
      { code: "23514", constraint: "advance_directives_kind_check" },
    );
    await expectDatabaseError(
      run(sql`update advance_directives set archived_at = now() where id = ${row.id}`),
      {
        code: "23514",
        constraint: "advance_directives_archived",
      },
    );
    await run(
      sql`update advance_directives set original_location = 'With her daughter' where id = ${row.id}`,
    );
    await expectDatabaseError(
      run(sql`update advance_directives set signed_on = '2024-04-01' where id = ${row.id}`),
      kept("advance_directives_kept", "a directive is archived and recorded again, not edited", "23514"),
    );
    await run(
      sql`update advance_directives set archived_at = now(), archived_by = ${userId} where id = ${row.id}`,
    );
    await expectDatabaseError(
      run(sql`update advance_directives set original_location = 'Lost' where id = ${row.id}`),
      kept("advance_directives_kept", "an archived directive cannot change", "23514"),
    );
    await expectDatabaseError(
      run(sql`delete from advance_directives where id = ${row.id}`),
      kept("advance_directives_kept", "advance directives are kept: delete refused"),
    );
    await expectDatabaseError(
      run(sql`truncate advance_directives cascade`),
      kept("advance_directives_no_truncate", /is kept: truncate refused$/),
    );
  });

  it("care_wishes and their versions: a known wish and language, versions once each and append-only; kept", async () => {
    const patient = (await createPatient()).id;
    const wishes = (status: string, language = "es") =>
      run(sql`insert into care_wishes (patient_id, code_status, in_her_words, language, updated_by)
        values (${patient}, ${status}, 'Quiero estar en casa.', ${language}, ${userId})`);
    await expectDatabaseError(wishes("maybe"), {
      code: "23514",
      constraint: "care_wishes_code_status_check",
    });
    await expectDatabaseError(wishes("no-cpr", "fr"), {
      code: "23514",
      constraint: "care_wishes_language_check",
    });
    await wishes("no-cpr");
    await expectDatabaseError(
      run(sql`delete from care_wishes where patient_id = ${patient}`),
      kept("care_wishes_kept", "care_wishes rows are kept: delete refused"),
    );
    const version = () =>
      run(sql`insert into care_wish_versions (patient_id, version, changed_by, snapshot)
        values (${patient}, 1, ${userId}, '{}')`);
    await version();
    await expectDatabaseError(version(), {
      code: "23505",
      constraint: "care_wish_versions_patient_id_version_pk",
    });
    await expectDatabaseError(
      run(sql`update care_wish_versions set snapshot = '{"x":1}' where patient_id = ${patient}`),
      kept("care_wish_versions_append_only", "care_wish_versions is append-only: update refused"),
    );
  });

  it("decisions: options, participants as a list, a known language and confirmation, stamped words and flags", async () => {
    const d = await decision();
    const cases: { set: SQL; constraint: string }[] = [
      { set: sql`options = array[]::text[]`, constraint: "decisions_options_check" },
      { set: sql`participants = '{}'`, constraint: "decisions_participants_array" },
      { set: sql`language = 'fr'`, constraint: "decisions_language_check" },
      { set: sql`confirmation = 'maybe'`, constraint: "decisions_confirmation_check" },
      { set: sql`confirmation = 'confirmed'`, constraint: "decisions_confirmed_by_whom" },
      {
        set: sql`confirmation = 'disputed', confirmation_at = now(), confirmation_by = ${userId}`,
        constraint: "decisions_disputed_comment",
      },
      {
        set: sql`voice_not_reflected_at = now(), voice_not_reflected_by = ${userId}`,
        constraint: "decisions_voice_flag",
      },
      { set: sql`resolved_at = now()`, constraint: "decisions_resolution" },
      {
        set: sql`resolved_at = now(), resolved_by = ${userId}, resolution = 'Talked again'`,
        constraint: "decisions_resolved_only_when_flagged",
      },
    ];
    for (const { set, constraint } of cases)
      await expectDatabaseError(run(sql`update decisions set ${set} where id = ${d.id}`), {
        code: "23514",
        constraint,
      });
    await run(sql`update decisions set confirmation = 'disputed', confirmation_at = now(), confirmation_by = ${userId},
      patient_comment = 'I said I wanted to wait.' where id = ${d.id}`);
    await run(
      sql`update decisions set resolved_at = now(), resolved_by = ${userId}, resolution = 'Talked again' where id = ${d.id}`,
    );
    await expectDatabaseError(
      run(sql`delete from decisions where id = ${d.id}`),
      kept("decisions_kept", "decisions rows are kept: delete refused"),
    );
    await expectDatabaseError(
      run(sql`truncate decisions cascade`),
      kept("decisions_no_truncate", /is kept: truncate refused$/),
    );
  });

  it("decision_versions and decision_plan_links: once each, one target, append-only", async () => {
    const d = await decision();
    const version = () =>
      run(
        sql`insert into decision_versions (decision_id, version, changed_by, snapshot) values (${d.id}, 1, ${userId}, '{}')`,
      );
    await version();
    await expectDatabaseError(version(), {
      code: "23505",
      constraint: "decision_versions_decision_id_version_pk",
    });
    await expectDatabaseError(
      run(sql`delete from decision_versions where decision_id = ${d.id}`),
      kept("decision_versions_append_only", "decision_versions is append-only: delete refused"),
    );
    const plan = await one<{
      id: string;
    }>(sql`insert into care_plans (patient_id, title, review_date, created_by, updated_by)
      values (${patientId}, 'Kidney care', current_date + 90, ${userId}, ${userId}) returning id`);
    const goal = await one<{ id: string }>(
      sql`insert into care_plan_goals (plan_id, description) values (${plan.id}, 'Start dialysis') returning id`,
    );
    const step = await one<{ id: string }>(
      sql`insert into care_plan_interventions (plan_id, description) values (${plan.id}, 'Fistula surgery') returning id`,
    );
    const link = (target: SQL) =>
      run(sql`insert into decision_plan_links (decision_id, goal_id, intervention_id, created_by)
        values (${d.id}, ${target}, ${userId})`);
    await link(sql`${goal.id}, null`);
    await expectDatabaseError(link(sql`${goal.id}, null`), {
      code: "23505",
      constraint: "decision_plan_links_goal_key",
    });
    await link(sql`null, ${step.id}`);
    await expectDatabaseError(link(sql`null, ${step.id}`), {
      code: "23505",
      constraint: "decision_plan_links_intervention_key",
    });
    await expectDatabaseError(link(sql`${goal.id}, ${step.id}`), {
      code: "23514",
      constraint: "decision_plan_links_one_target",
    });
    await expectDatabaseError(
      run(sql`delete from decision_plan_links where decision_id = ${d.id}`),
      kept("decision_plan_links_append_only", "decision_plan_links is append-only: delete refused"),
    );
  });

  it("a screening's results and needs are the screened patient's (same-patient keys)", async () => {
    await unique("questionnaire_responses_id_patient_key");
    const row = await response();
    const stranger = (await createPatient()).id;
    await run(sql`insert into screening_results (response_id, patient_id, domain, positive)
      values (${row.id}, ${row.patient_id}, 'utilities', false)`);
    await expectDatabaseError(
      run(sql`insert into screening_results (response_id, patient_id, domain, positive)
        values (${row.id}, ${stranger}, 'food', true)`),
      { code: "23503", constraint: "screening_results_same_patient_fk" },
    );
    await run(sql`insert into needs (patient_id, domain, response_id, identified_by, updated_by)
      values (${row.patient_id}, 'utilities', ${row.id}, ${userId}, ${userId})`);
    await expectDatabaseError(
      run(sql`insert into needs (patient_id, domain, response_id, identified_by, updated_by)
        values (${stranger}, 'utilities', ${row.id}, ${userId}, ${userId})`),
      { code: "23503", constraint: "needs_response_same_patient_fk" },
    );
  });

  it("a decision's care plan is the same patient's (decisions_plan_same_patient_fk)", async () => {
    await unique("care_plans_id_patient_key");
    const owner = (await createPatient()).id;
    const plan = await one<{
      id: string;
    }>(sql`insert into care_plans (patient_id, title, review_date, created_by, updated_by)
      values (${owner}, 'Kidney care', current_date + 90, ${userId}, ${userId}) returning id`);
    const d = await decision(owner);
    await run(sql`update decisions set care_plan_id = ${plan.id} where id = ${d.id}`);
    const stranger = await decision((await createPatient()).id);
    await expectDatabaseError(
      run(sql`update decisions set care_plan_id = ${plan.id} where id = ${stranger.id}`),
      {
        code: "23503",
        constraint: "decisions_plan_same_patient_fk",
      },
    );
  });

  it("needs_id_patient_key: the pair a referral's need is checked against is unique", async () => {
    await unique("needs_id_patient_key");
    await expectDatabaseError(
      run(sql`insert into needs (id, patient_id, domain, identified_by, updated_by)
        select id, patient_id, 'utilities', identified_by, updated_by from needs limit 1`),
      { code: "23505", constraint: "needs_pkey" },
    );
  });
});
