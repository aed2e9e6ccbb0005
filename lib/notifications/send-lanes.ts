import "server-only";
import { env } from "@/lib/env";

/**
 * How many messages this process sends at once, across every batch it is working: as many as the
 * SMTP pool's connections (lib/notifications/channels/email.ts). A message takes its lane just
 * before its claim is renewed, so the time from renewal to the message leaving is the send itself,
 * never a wait in the pool's queue behind another batch's messages (a batch that outran pg-boss's
 * expiry overlaps the next one in the same process, and with a lane count per batch the two queued
 * for one pool until claims ran out mid-wait and another delivery sent the same message).
 */
export const SEND_LANES = 16;

const KEY = Symbol.for("carebridge.send-lanes");
type Lanes = { free: number; waiting: (() => void)[] };
type Holder = { [KEY]?: Lanes };

/** Fewer lanes when SMTP_URL gives the pool fewer connections (`?maxConnections=`). */
function laneCount(): number {
  const url = env().SMTP_URL;
  const given = url ? Number(new URL(url).searchParams.get("maxConnections")) : 0;
  return given > 0 ? Math.min(SEND_LANES, given) : SEND_LANES;
}

/** One set of lanes per process, even where a bundler loads this module twice. */
function lanes(): Lanes {
  const holder = globalThis as Holder;
  holder[KEY] ??= { free: laneCount(), waiting: [] };
  return holder[KEY];
}

/** A lane, once one is free; false if `deadline` comes first (the waiter leaves the line). */
async function take(deadline: number): Promise<boolean> {
  const l = lanes();
  if (l.free > 0) {
    l.free--;
    return true;
  }
  if (Date.now() >= deadline) return false;
  return new Promise<boolean>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const waiter = () => {
      clearTimeout(timer);
      resolve(true);
    };
    if (Number.isFinite(deadline))
      timer = setTimeout(() => {
        const at = l.waiting.indexOf(waiter);
        if (at >= 0) l.waiting.splice(at, 1);
        resolve(false);
      }, deadline - Date.now());
    l.waiting.push(waiter);
  });
}

function give(): void {
  const l = lanes();
  const next = l.waiting.shift();
  if (next) next();
  else l.free++;
}

/**
 * Runs the tasks in the process's lanes, in order, each started only once a lane is free and
 * only before `deadline` (a time in ms, as Date.now()); a task still waiting for a lane at the
 * deadline stops waiting (the lanes may be held by another batch's slow sends). Returns the
 * indexes of the tasks it did not start: the caller hands those back to the queue.
 */
export async function inSendLanes(
  tasks: readonly (() => Promise<void>)[],
  deadline = Number.POSITIVE_INFINITY,
): Promise<number[]> {
  const notStarted: number[] = [];
  await Promise.all(
    tasks.map(async (task, i) => {
      if (!(await take(deadline))) {
        notStarted.push(i);
        return;
      }
      try {
        if (Date.now() >= deadline) notStarted.push(i);
        else await task();
      } finally {
        give();
      }
    }),
  );
  return notStarted.sort((a, b) => a - b);
}
