import { buildIfNeeded } from "../../scripts/lib";

/** The resilience tests drive `next start`: build first if the sources changed. */
export default async function setup() {
  await buildIfNeeded();
}
