import "server-only";
import { followUpsDuePanel } from "@/lib/advocacy/worklists";
import { changeRequestsPanel } from "@/lib/appointments/request-tasks";
import { weekAheadPanel } from "@/lib/appointments/week-ahead";
import type { Actor } from "@/lib/authz";
import { carePlanWorklistPanel } from "@/lib/care-plans/worklists";
import { concernDashboardPanel } from "@/lib/concerns/worklists";
import { myActiveEmergencyGrantsPanel } from "@/lib/emergency-access";
import { inboxGlancePanel } from "@/lib/messages/inbox-glance";
import { dashboardPanels, staffDashboardPanel } from "@/lib/patients/dashboard";
import { notShown, type PanelsRead, readPanels } from "@/lib/records/read-panels";
import { rightsCountsPanel } from "@/lib/rights-requests/worklists";

/** How many follow-ups and care-plan rows the dashboard lists (each panel says how many more). */
const SHOWN = 8;

function panelsOf(actor: Actor) {
  const can = dashboardPanels(actor);
  return {
    summary: staffDashboardPanel(actor),
    emergency: myActiveEmergencyGrantsPanel(actor),
    week: weekAheadPanel(actor),
    inbox: inboxGlancePanel(actor),
    plans: carePlanWorklistPanel(actor, SHOWN),
    changeRequests: changeRequestsPanel(actor),
    concerns: can.canWorkConcerns ? concernDashboardPanel(actor) : notShown(null),
    followUps: can.canWorkFollowUps ? followUpsDuePanel(actor, SHOWN) : notShown(null),
    rights: can.canWorkRightsRequests ? rightsCountsPanel(actor) : notShown(null),
  };
}

/** The staff dashboard's panels; those of work the role does not do are null. */
export type Dashboard = PanelsRead<ReturnType<typeof panelsOf>>;

/**
 * The staff dashboard (issue 19): each panel authorised by the power its own worklist asks for
 * (a refusal is the 404 and its audited `access.denied`), all of them read in one statement, and
 * each panel's audit event (the action and details its worklist writes) in one insert.
 */
export async function getDashboard(actor: Actor): Promise<Dashboard> {
  return readPanels(actor, panelsOf(actor));
}
