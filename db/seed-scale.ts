import { type SQL, sql } from "drizzle-orm";
import type { Database, Executor } from "./client";

/**
 * Grows a demo-seeded database to the benchmark's volumes, per patient: about 20 appointments,
 * 5 messages in a thread, 2 concerns, 1 rights request, a care plan with 3 versions, and an audit
 * trail of about 100 events (at 10,000 patients: ~200,000 appointments, ~1,000,000 audit events);
 * and one conversation of 200 messages between the first patient and her coordinator.
 *
 * Every row is made by one set-based statement from the patients' order (their MRN), so it takes
 * seconds, not hours, and the same scale gives the same data every time. It tops up what the demo
 * seed already made (a patient who has a concern gets one more; one with a plan keeps it).
 * Appointment times are laid out so neither exclusion constraint can fire: the k-th booking of the
 * i-th of n patients is global slot k·n+i, its clinician that slot modulo the directory's size, and
 * its place in that clinician's diary (four a day) that slot divided by it; a slot the demo seed
 * already took is skipped. About four fifths of the diary lies in the past.
 */
const DEMO_SCALE = 200;
const PER_STAFF = 100;
/** The subject of the benchmark's 200-message conversation (scripts/bench.ts finds it by it). */
export const BENCH_CONVERSATION = "Questions between visits";

export async function scaleUp(db: Database, zone: string): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const timed = async (executor: Executor, name: string, statement: SQL) => {
    const started = Date.now();
    await executor.execute(statement);
    timings[name] = Date.now() - started;
  };

  await db.transaction(async (tx) => {
    const run = (name: string, statement: SQL) => timed(tx, name, statement);
    await tx.execute(sql`create temporary table bench_order on commit drop as
      select id, (row_number() over (order by mrn) - 1)::int as i from patients`);

    // Real coordinators and advocates carry about a hundred patients each: the demo's staff keep
    // the demo's first 200 patients, and every further hundred get a coordinator and an advocate
    // of their own (so a page about "my caseload" is the same size at every scale).
    await run(
      "staff",
      sql`insert into users (email, name, role, password_hash)
        select format('%s-%s@bench.carebridge.example', r.role, k), format('Bench %s %s', initcap(r.role), k), r.role,
               (select password_hash from users where email = 'coordinator@carebridge.example')
          from generate_series(1, greatest(0, ceil(((select count(*) from patients) - ${DEMO_SCALE}::int) / ${PER_STAFF}::numeric)::int)) k
          cross join (values ('coordinator'), ('advocate')) r(role)`,
    );
    await run(
      "caseloads",
      sql`update caseload_assignments ca
             set staff_user_id = u.id
            from bench_order o, users u
           where ca.patient_id = o.id and ca.is_primary and ca.ended_at is null and o.i >= ${DEMO_SCALE}::int
             and u.email = format('%s-%s@bench.carebridge.example', ca.kind, 1 + (o.i - ${DEMO_SCALE}::int) / ${PER_STAFF}::int)`,
    );
    // A directory that grows with the patients (one clinician per hundred), each seeing four a day.
    await run(
      "clinicians",
      sql`insert into clinicians (name, discipline, organisation, internal)
        select format('Bench Clinician %s', k), (array['Primary care','Cardiology','Nephrology','Oncology','Physical therapy','Social work'])[1 + k % 6],
               'Riverside Medical Group', k % 2 = 0
          from generate_series(1, greatest(0, ceil((select count(*) from patients) / 100.0)::int - (select count(*) from clinicians)::int)) k`,
    );

    await tx.execute(sql`create temporary table bench_people on commit drop as
      select p.id, o.i, count(*) over ()::int as n,
             ca.staff_user_id as coordinator, aa.staff_user_id as advocate
        from patients p
        join bench_order o on o.id = p.id
        join caseload_assignments ca on ca.patient_id = p.id and ca.kind = 'coordinator' and ca.is_primary and ca.ended_at is null
        join caseload_assignments aa on aa.patient_id = p.id and aa.kind = 'advocate' and aa.is_primary and aa.ended_at is null`);
    await tx.execute(sql`create temporary table bench_clinicians on commit drop as
      select id, (row_number() over (order by name, id) - 1)::int as j, count(*) over ()::int as m from clinicians`);

    await run(
      "appointments",
      sql`with slots as (
        select b.id as patient_id, b.coordinator, k, (k::bigint * b.n + b.i) as g, b.n
          from bench_people b, generate_series(0, 19) k
      ), placed as (
        select s.*, c.id as clinician_id, (s.g / c.m) as h, ceil(20.0 * s.n / c.m / 4)::int as days
          from slots s join bench_clinicians c on c.j = s.g % c.m
      ), timed as (
        select p.*,
          ((date_trunc('day', now() at time zone ${zone}) + make_interval(days => (p.h / 4)::int - (p.days * 4 / 5)))
            + make_interval(hours => 8 + ((p.h % 4) * 2)::int)) at time zone ${zone} as starts_at
          from placed p
      )
      insert into appointments (patient_id, clinician_id, kind, title, location, starts_at, ends_at, status, cancel_reason, created_by, created_at, updated_at)
      select patient_id, clinician_id,
        (array['follow-up','test','treatment','supportive-service','telehealth'])[1 + (g % 5)::int],
        (array['Follow-up visit','Blood work','Infusion','Physical therapy','Video check-in','Medication review','Imaging','Nutrition consult'])[1 + (g % 8)::int],
        case when g % 5 = 4 then null else (array['Clinic A, 2nd floor','Riverside Medical, suite 110','Outpatient lab','Rehab center'])[1 + (g % 4)::int] end,
        starts_at, starts_at + interval '25 minutes',
        case when starts_at >= now() then (case when g % 3 = 0 then 'confirmed' else 'scheduled' end)
             when g % 23 = 0 then 'cancelled' when g % 31 = 0 then 'no-show' else 'completed' end,
        case when starts_at < now() and g % 23 = 0 then 'Patient asked to reschedule' end,
        coordinator, least(starts_at, now()) - interval '14 days', least(starts_at, now()) - interval '14 days'
        from timed
      on conflict do nothing`,
    );

    await run(
      "message threads",
      sql`insert into message_threads (patient_id, subject, created_by, created_at, last_message_at)
        select id, (array['Care coordination','Transport for next visit','Medication questions','Discharge follow-up'])[1 + i % 4],
               coordinator, now() - make_interval(days => 60 + i % 300), now() - make_interval(days => 1 + i % 50)
          from bench_people`,
    );
    await run(
      "messages",
      sql`insert into messages (thread_id, patient_id, author_id, body, shared_with_patient, created_at)
        select t.id, b.id, case when k % 2 = 0 then b.coordinator else b.advocate end,
          (array['Called the patient to confirm the next visit; they will bring their medication list.',
                 'Transport is booked for Tuesday morning.',
                 'Pharmacy confirmed the refill is ready.',
                 'Discussed the discharge plan with the family; questions about home oxygen.',
                 'Patient asked for a Spanish-speaking interpreter at the next visit.'])[1 + k],
          k = 4, t.created_at + make_interval(days => k * 7)
          from bench_people b
          join message_threads t on t.patient_id = b.id and t.created_by = b.coordinator
          cross join generate_series(0, 4) k
         where t.subject in ('Care coordination','Transport for next visit','Medication questions','Discharge follow-up')
           and t.created_at <= now() - interval '59 days'`,
    );
    // The benchmark's long conversation: the first patient (the one its staff pages show, whose
    // portal account it signs in as) and her coordinator, 200 messages alternating, every one
    // shared, half in Spanish; the patient wrote last, so an answer is due (the inbox and "My
    // work" list it). Made once: a database scaled up earlier already has it.
    await run(
      "conversation",
      sql`with p as (
        select b.id, b.coordinator, u.id as patient_user, now() - interval '10 days' as at
          from bench_people b
          join patients pt on pt.id = b.id
          join users u on u.patient_id = b.id and u.role = 'patient'
         where pt.mrn = 'CB-100001'
           and not exists (select 1 from message_threads t where t.patient_id = b.id and t.subject = ${BENCH_CONVERSATION})
         limit 1
      ), thread as (
        insert into message_threads (patient_id, subject, created_by, created_at, last_message_at, with_patient, topic,
          status, assigned_to, answer_due_at, updated_at, updated_by)
        select id, ${BENCH_CONVERSATION}, coordinator, at, at + interval '199 hours', true, 'other',
          'open', coordinator, at + interval '199 hours' + interval '2 days', at + interval '199 hours', coordinator
          from p
        returning id, patient_id, created_at
      )
      insert into messages (thread_id, patient_id, author_id, body, shared_with_patient, language, created_at)
      select t.id, t.patient_id, case when k % 2 = 1 then p.patient_user else p.coordinator end,
        case when (k / 2) % 2 = 1
          then (case when k % 2 = 1
            then (array['¿Puedo cambiar la cita del martes a la tarde?','Gracias, ya recogí la receta en la farmacia.','Tengo una pregunta sobre la dieta del plan de cuidado.'])[1 + k % 3]
            else (array['Sí, la cambié a las 3 de la tarde; le llegará un recordatorio.','Me alegra. Avíseme si tiene efectos secundarios.','Claro: la nutricionista la llamará esta semana.'])[1 + k % 3] end)
          else (case when k % 2 = 1
            then (array['Can I move Tuesday''s visit to the afternoon?','Thanks, I picked up the prescription at the pharmacy.','I have a question about the diet in my care plan.'])[1 + k % 3]
            else (array['Yes, it is at 3 pm now; you will get a reminder.','Glad to hear it. Let me know about any side effects.','Of course: the dietitian will call you this week.'])[1 + k % 3] end) end,
        true, case when (k / 2) % 2 = 1 then 'es' else 'en' end, t.created_at + make_interval(hours => k)
        from thread t join p on p.id = t.patient_id cross join generate_series(0, 199) k`,
    );

    await run(
      "concerns",
      sql`with made as (
        insert into concerns (patient_id, raised_by, category, severity, what_happened, desired_outcome, received_at,
          status, assigned_advocate_id, acknowledge_due_at, resolve_due_at, acknowledged_at, resolved_at, closed_at,
          response_contact, response_steps, response_results, response_completed_on, created_by, updated_by, created_at, updated_at)
        select b.id, (array['patient','family','advocate','staff'])[1 + (b.i + k) % 4],
          (array['communication','access-and-delays','quality-of-care','billing-and-insurance','respect-and-discrimination','other'])[1 + (b.i + k) % 6],
          (array['low','medium','high'])[1 + (b.i + k) % 3],
          'Waited a long time for a call back about test results.', 'A clear answer and a named person to call.',
          r.at, 'closed', b.advocate, r.at + interval '1 day', r.at + interval '7 days', r.at + interval '1 day',
          r.at + interval '5 days', r.at + interval '6 days',
          'Patient advocate office, (413) 555-0100', 'Reviewed the call log with the clinic manager.',
          'The clinic set up a call-back list; the patient was called the same week.',
          (r.at + interval '5 days')::date, b.advocate, b.advocate, r.at, r.at + interval '6 days'
          from bench_people b
          cross join generate_series(1, 2 - least(2, (select count(*) from concerns c where c.patient_id = b.id))::int) k
          cross join lateral (select now() - make_interval(days => 30 + (b.i * 7 + k * 97) % 700) as at) r
        returning id, received_at, created_by
      )
      insert into concern_transitions (concern_id, from_status, to_status, actor_id, at)
      select id, f, t, created_by, received_at + d
        from made cross join (values (null, 'open', interval '0'), ('open', 'acknowledged', interval '1 day'),
          ('acknowledged', 'resolved', interval '5 days'), ('resolved', 'closed', interval '6 days')) v(f, t, d)`,
    );

    await run(
      "rights requests",
      sql`insert into rights_requests (patient_id, type, received_on, details, due_on, decision, decision_reason, decided_on,
          response_sent_on, created_by, updated_by, created_at, updated_at)
        select b.id, 'access', r.on, 'A copy of my records from the last year, by secure email.', r.on + 30,
          'granted', null, r.on + 12, r.on + 12, b.advocate, b.advocate, r.on::timestamptz, (r.on + 12)::timestamptz
          from bench_people b
          cross join lateral (select (now() - make_interval(days => 40 + (b.i * 13) % 600))::date as on) r
         where not exists (select 1 from rights_requests q where q.patient_id = b.id)`,
    );

    await run(
      "care plans",
      sql`with model as (
        select v.snapshot from care_plan_versions v join care_plans p on p.id = v.plan_id
         where p.status = 'active' order by p.created_at, v.version desc limit 1
      ), made as (
        insert into care_plans (patient_id, title, status, review_date, created_by, updated_by, created_at, updated_at, activated_at, version)
        select b.id, 'Care plan', 'active', (now() + make_interval(days => 7 + b.i % 80))::date, b.coordinator, b.coordinator,
          now() - make_interval(days => 120 + b.i % 200), now() - make_interval(days => 10 + b.i % 60),
          now() - make_interval(days => 110 + b.i % 200), 3
          from bench_people b
         where exists (select 1 from model)
           and not exists (select 1 from care_plans p where p.patient_id = b.id)
        returning id, created_by, created_at, updated_at, review_date
      ), goals as (
        insert into care_plan_goals (plan_id, description, measure, status, priority)
        select m.id, g.description, g.measure, 'active', 'high'
          from made m cross join (values ('Keep blood pressure under control', 'Below 140/90 at three visits running'),
            ('Get to every treatment visit', 'No missed visits this quarter')) g(description, measure)
        returning plan_id
      )
      insert into care_plan_versions (plan_id, version, changed_by, changed_at, snapshot)
      select m.id, v, m.created_by, m.created_at + make_interval(days => (v - 1) * 30),
        (select snapshot from model) || jsonb_build_object('title', 'Care plan', 'status', case when v = 1 then 'draft' else 'active' end,
          'reviewDate', m.review_date::text)
        from made m cross join generate_series(1, 3) v
       where (select count(*) from goals) >= 0`,
    );

    await run(
      "audit events",
      sql`insert into audit_events (occurred_at, actor_user_id, actor_role, action, patient_id, entity_type, entity_id, details)
        select now() - make_interval(days => (k * 7 + b.i) % 720, mins => (k * 37 + b.i) % 600),
          case when k % 4 = 3 then b.advocate else b.coordinator end,
          case when k % 4 = 3 then 'advocate' else 'coordinator' end,
          (array['patient.read','appointment.list','care-plan.view','message.list','patient.read','appointment.create','message.post','update.list'])[1 + k % 8],
          b.id, 'patient', b.id::text, null::jsonb
          from bench_people b cross join generate_series(0, 99) k`,
    );
  });
  // Vacuumed as well as analysed, as autovacuum would leave a live database: otherwise it starts
  // on the new tables during the first benchmark run and the first figures after a seed are low.
  await timed(db, "vacuum", sql`vacuum (analyze)`);
  return timings;
}
