"use client";

import { useActionState, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, SelectField } from "@/components/ui/field";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";

interface Patient {
  patientId: string;
  mrn: string;
  name: string;
  isPrimary: boolean;
}

/**
 * The admin's caseload move: every patient ticked to start with, the person who takes them, and a
 * confirmation that says how many go to whom before anything is sent.
 */
export function CaseloadTransferForm({
  action,
  fromName,
  role,
  caseload,
  targets,
}: {
  action: FormAction;
  fromName: string;
  role: string;
  caseload: Patient[];
  targets: { id: string; name: string; email: string }[];
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  const prefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [summary, setSummary] = useState({ count: 0, to: "" });
  // After a refusal the boxes come back as they were sent; otherwise every one starts ticked.
  const sent = state.values?.patientIds?.split(" ");
  const ticked = (id: string) => (sent ? sent.includes(id) : true);
  const patientsError = state.errors?.patientIds;
  const patientsErrorId = patientsError?.length ? `${prefix}-patients-error` : undefined;

  function askToConfirm() {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const toId = data.get("toUserId");
    setSummary({
      count: data.getAll("patientId").length,
      to: targets.find((t) => t.id === toId)?.name ?? "",
    });
    dialogRef.current?.showModal();
  }

  function setAll(checked: boolean) {
    for (const box of formRef.current?.querySelectorAll<HTMLInputElement>('input[name="patientId"]') ?? []) {
      box.checked = checked;
    }
  }

  return (
    <form ref={formRef} action={formAction} noValidate>
      {state.ok ? <Alert tone="success">{state.ok}</Alert> : null}
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <fieldset className="mb-4" aria-describedby={patientsErrorId}>
        <legend className="mb-2 font-medium">
          Patients to move from {fromName} ({caseload.length})
        </legend>
        <div className="mb-2 flex flex-wrap gap-2">
          <Button type="button" variant="secondary" size="sm" onClick={() => setAll(true)}>
            Tick all
          </Button>
          <Button type="button" variant="secondary" size="sm" onClick={() => setAll(false)}>
            Untick all
          </Button>
        </div>
        <ul className="max-h-96 overflow-y-auto rounded border border-slate-300 bg-white p-2">
          {caseload.map((p) => {
            const id = `${prefix}-${p.patientId}`;
            return (
              <li key={`${p.patientId}:${ticked(p.patientId)}`} className="flex items-center gap-2 py-1">
                <input
                  id={id}
                  type="checkbox"
                  name="patientId"
                  value={p.patientId}
                  defaultChecked={ticked(p.patientId)}
                  className="size-5"
                />
                <label htmlFor={id}>
                  {p.name} · {p.mrn}
                  {p.isPrimary ? ` · primary ${role}` : ""}
                </label>
              </li>
            );
          })}
        </ul>
        <FieldError id={patientsErrorId} error={patientsError} />
      </fieldset>
      <SelectField
        id={`${prefix}-to`}
        name="toUserId"
        label={`Move them to (another ${role})`}
        required
        defaultValue={state.values?.toUserId ?? ""}
        error={state.errors?.toUserId}
        options={[
          { value: "", label: `Choose a ${role}` },
          ...targets.map((t) => ({ value: t.id, label: `${t.name} (${t.email})` })),
        ]}
      />
      <Button type="button" variant="danger" onClick={askToConfirm}>
        Move patients…
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${prefix}-confirm-title`}
        aria-describedby={`${prefix}-confirm-body`}
        className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={`${prefix}-confirm-title`}>
          {summary.count === 0 || !summary.to
            ? "Nothing to move yet"
            : `Move ${summary.count} ${summary.count === 1 ? "patient" : "patients"} to ${summary.to}?`}
        </h2>
        <p id={`${prefix}-confirm-body`} className="my-4">
          {summary.count === 0 || !summary.to
            ? `Tick at least one patient and choose the ${role} who takes them. Nothing has been changed.`
            : `${fromName} loses access to their records at once and ${summary.to} gains it. Primary assignments go with them. Either every patient moves or none does, and each move is logged.`}
        </p>
        <div className="flex gap-3">
          {summary.count > 0 && summary.to ? (
            <Button
              type="button"
              variant="danger"
              onClick={() => {
                dialogRef.current?.close();
                formRef.current?.requestSubmit();
              }}
            >
              Move {summary.count} {summary.count === 1 ? "patient" : "patients"}
            </Button>
          ) : null}
          <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
            {summary.count > 0 && summary.to ? "Cancel" : "Back to the form"}
          </Button>
        </div>
      </dialog>
    </form>
  );
}
