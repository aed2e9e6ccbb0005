import Link from "next/link";
import { getActor } from "@/lib/auth/current-user";
import { mayRequestEmergencyAccess } from "@/lib/emergency-access";

// One page for "not there" and "not yours": it never says which.
export default async function NotFound() {
  const actor = await getActor();
  return (
    <main id="main" className="mx-auto mt-16 max-w-xl rounded-lg bg-white p-8 shadow">
      <h1 className="mb-4">Page not found</h1>
      <p className="mb-4">This page does not exist, or you do not have access to it.</p>
      {mayRequestEmergencyAccess(actor) ? (
        <p className="mb-4">
          If a patient outside your caseload needs you urgently, use{" "}
          <Link href="/emergency-access">emergency access</Link>.
        </p>
      ) : null}
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </main>
  );
}
