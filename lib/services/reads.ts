import "server-only";
import { and, arrayContains, arrayOverlaps, asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { type NeedDomain, type ServiceKind, services } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, allowsGlobal, authorizeGlobal } from "@/lib/authz";
import { SERVICES_PAGE_SIZE, type ServiceFilter } from "./schemas";

/** A service of the directory as pages show it. */
export interface Service {
  id: string;
  name: string;
  kind: ServiceKind;
  description: string | null;
  domains: NeedDomain[];
  languages: string[];
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  hours: string | null;
  active: boolean;
  version: number;
}

export const serviceColumns = {
  id: services.id,
  name: services.name,
  kind: services.kind,
  description: services.description,
  domains: services.domains,
  languages: services.languages,
  phone: services.phone,
  email: services.email,
  website: services.website,
  address: services.address,
  hours: services.hours,
  active: services.active,
  version: services.version,
};

/** The directory's columns, read alike everywhere (the domains column holds NEED_DOMAINS only: its check). */
const selectServices = (executor: Executor) => executor.select(serviceColumns).from(services).$dynamic();

export interface ServiceDirectory {
  /** One page of the services the filter keeps, by name. */
  services: Service[];
  /** How many services the filter keeps, on every page. */
  total: number;
  page: number;
  /** Every language the directory's services work in, for the filter. */
  languages: string[];
  canManage: boolean;
}

/**
 * The directory, by name, filtered by the need a service meets and a language it works in; the
 * retired ones only when asked; a page at a time. It holds no patient's information; the read is
 * audited all the same.
 */
export async function listServices(actor: Actor, filter: ServiceFilter = {}): Promise<ServiceDirectory> {
  await authorizeGlobal(actor, "read:services");
  const database = db();
  const where = and(
    filter.retired ? undefined : eq(services.active, true),
    filter.domain ? arrayContains(services.domains, [filter.domain]) : undefined,
    filter.language ? arrayContains(services.languages, [filter.language]) : undefined,
  );
  const page = filter.page ?? 1;
  const [rows, languages] = await Promise.all([
    database
      .select({ ...serviceColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(services)
      .where(where)
      .orderBy(asc(sql`lower(${services.name})`), asc(services.id))
      .limit(SERVICES_PAGE_SIZE)
      .offset((page - 1) * SERVICES_PAGE_SIZE),
    database
      .selectDistinct({ code: sql<string>`unnest(${services.languages})` })
      .from(services)
      .orderBy(sql`1`),
  ]);
  await recordAudit(database, actor, {
    action: "service.list",
    details: {
      shown: rows.length,
      domain: filter.domain ?? null,
      language: filter.language ?? null,
      page,
    },
  });
  const total = rows[0]?.total ?? 0;
  return {
    services: rows.map(({ total: _, ...service }) => service as Service),
    total,
    page,
    languages: languages.map((l) => l.code),
    canManage: allowsGlobal(actor.role, "manage:services"),
  };
}

/**
 * The active services that meet any of these needs, for the referral form. Reads no policy: the
 * needs page has authorised the actor to refer for the patient, and the directory holds no PHI.
 */
export async function unsafeActiveServicesFor(executor: Executor, domains: NeedDomain[]): Promise<Service[]> {
  if (domains.length === 0) return [];
  return selectServices(executor)
    .where(and(eq(services.active, true), arrayOverlaps(services.domains, domains)))
    .orderBy(asc(sql`lower(${services.name})`))
    .limit(500) as Promise<Service[]>;
}
