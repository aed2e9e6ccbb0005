import type { CarePlanTemplateContent } from "./schema/care-plans";

/**
 * The templates the portal starts with, written from common care-management practice: a plan
 * started from one is then individualised for the patient; the template itself never changes.
 * Goal and intervention indexes refer to the goals list (0-based).
 */
export const STARTER_TEMPLATES: { name: string; description: string; content: CarePlanTemplateContent }[] = [
  {
    name: "Post-discharge transition (first 30 days)",
    description:
      "For the first month home after a hospital stay: follow-up, medicines, and avoiding readmission.",
    content: {
      problems: [
        "Recently discharged from hospital; at risk of going back in",
        "Several medicines changed at discharge",
        "Needs help at home while recovering",
      ],
      goals: [
        {
          description: "See the primary care clinician within 7 days of leaving hospital",
          measure: "Follow-up visit completed",
          priority: "high",
          targetInDays: 7,
        },
        {
          description: "Take medicines as prescribed after the changes at discharge",
          measure: "Medicine list reconciled; no missed doses reported at the weekly call",
          priority: "high",
          targetInDays: 14,
        },
        {
          description: "Stay safely at home for the next 30 days",
          measure: "No readmission or emergency visit within 30 days",
          priority: "medium",
          targetInDays: 30,
        },
      ],
      interventions: [
        {
          description: "Call within 2 business days of discharge: symptoms, medicines, appointments",
          dueInDays: 2,
          goal: 2,
        },
        { description: "Book the follow-up visit and arrange transport to it", dueInDays: 3, goal: 0 },
        {
          description: "Reconcile the medicine list with the pharmacist, the patient and family",
          dueInDays: 5,
          goal: 1,
        },
        { description: "Confirm when home health and physiotherapy start", dueInDays: 5, goal: 2 },
        { description: "Go over the warning signs and who to call, day or night", dueInDays: 7, goal: 2 },
      ],
    },
  },
  {
    name: "Cancer treatment support",
    description:
      "For a patient starting chemotherapy: keeping treatment on schedule, nutrition, costs and support.",
    content: {
      problems: [
        "Starting chemotherapy, with many appointments to coordinate",
        "Side effects may affect eating and energy",
        "Worried about costs and time off work",
      ],
      goals: [
        {
          description: "Complete the planned chemotherapy cycles on schedule",
          measure: "Cycles given on the planned dates",
          priority: "high",
          targetInDays: 120,
        },
        {
          description: "Keep eating and drinking enough during treatment",
          measure: "Weight within 5% of the starting weight",
          priority: "medium",
          targetInDays: 60,
        },
        {
          description: "Know what financial help is available and apply for it",
          measure: "Applications made to the programs the patient qualifies for",
          priority: "medium",
          targetInDays: 30,
        },
      ],
      interventions: [
        {
          description: "Set up the treatment calendar and share it with the patient and family",
          dueInDays: 7,
          goal: 0,
        },
        { description: "Arrange transport to infusion appointments", dueInDays: 7, goal: 0 },
        { description: "Refer to the oncology dietitian", dueInDays: 14, goal: 1 },
        {
          description: "Refer to financial counselling; check the drug maker's assistance program",
          dueInDays: 14,
          goal: 2,
        },
        { description: "Offer a support group or counselling", dueInDays: 30, goal: null },
      ],
    },
  },
  {
    name: "Diabetes self-management",
    description: "For type 2 diabetes above target: education, monitoring, activity and the yearly checks.",
    content: {
      problems: [
        "Type 2 diabetes with blood sugar above target (HbA1c over 8%)",
        "Unsure how to check blood sugar and plan meals",
      ],
      goals: [
        {
          description: "Bring HbA1c below 7.5%",
          measure: "HbA1c at the 3-month blood test",
          priority: "high",
          targetInDays: 90,
        },
        {
          description: "Check blood sugar as agreed and keep a log",
          measure: "Log kept at least 5 days a week",
          priority: "medium",
          targetInDays: 30,
        },
        {
          description: "Walk 30 minutes on 5 days a week",
          measure: "The patient's own activity log",
          priority: "medium",
          targetInDays: 60,
        },
      ],
      interventions: [
        { description: "Enrol in a diabetes self-management education class", dueInDays: 21, goal: 1 },
        { description: "Book a dietitian visit for meal planning", dueInDays: 14, goal: 0 },
        { description: "Go over the glucose log together at the next call", dueInDays: 30, goal: 1 },
        { description: "Order the HbA1c test for 3 months from now", dueInDays: 80, goal: 0 },
        { description: "Make sure the yearly eye and foot checks are booked", dueInDays: 60, goal: null },
      ],
    },
  },
];
