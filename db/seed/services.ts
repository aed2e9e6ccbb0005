/**
 * The demo directory of services: community organisations and clinical services around
 * Springfield, what needs each meets, the languages it serves in, how to reach it and when. One is
 * retired (closed), to show that a retired service stays on the referrals that named it.
 */
import type { services } from "../schema";

type SeedService = Omit<typeof services.$inferInsert, "createdBy" | "updatedBy">;

export const SEED_SERVICES: SeedService[] = [
  {
    name: "Springfield Community Food Bank",
    kind: "community",
    description: "Free groceries once a week and emergency food boxes; no proof of income needed.",
    domains: ["food"],
    languages: ["en", "es"],
    phone: "(217) 555-0100",
    website: "https://foodbank.example.org",
    address: "1200 S 5th St, Springfield, IL 62703",
    hours: "Mon–Fri 9:00–17:00; Sat 9:00–12:00",
  },
  {
    name: "Meals on Wheels of Sangamon County",
    kind: "community",
    description: "A hot meal delivered at noon on weekdays for people who cannot shop or cook.",
    domains: ["food"],
    languages: ["en"],
    phone: "(217) 555-0101",
    email: "intake@mealsonwheels.example.org",
    hours: "Mon–Fri 8:00–16:00",
  },
  {
    name: "Springfield Housing Authority",
    kind: "community",
    description: "Emergency housing, rental assistance and help keeping a home at risk.",
    domains: ["housing-instability"],
    languages: ["en", "es"],
    phone: "(217) 555-0102",
    address: "200 N 11th St, Springfield, IL 62703",
    hours: "Mon–Fri 8:30–16:30",
  },
  {
    name: "Healthy Homes Repair Program",
    kind: "community",
    description: "Free repairs for mold, leaks, heating, lead and missing smoke detectors.",
    domains: ["housing-quality"],
    languages: ["en", "es"],
    phone: "(217) 555-0103",
    website: "https://healthyhomes.example.org",
    hours: "Mon–Thu 9:00–15:00",
  },
  {
    name: "RideCare Medical Transportation",
    kind: "community",
    description:
      "Door-to-door rides to medical appointments, dialysis and the pharmacy; book two days ahead.",
    domains: ["transportation"],
    languages: ["en", "es"],
    phone: "(217) 555-0104",
    hours: "Bookings Mon–Fri 7:00–18:00; rides every day",
  },
  {
    name: "Community Action Energy Assistance (LIHEAP)",
    kind: "community",
    description: "Help with gas, electric and water bills, and with stopping a shut-off.",
    domains: ["utilities"],
    languages: ["en", "es"],
    phone: "(217) 555-0105",
    address: "2121 S 11th St, Springfield, IL 62703",
    hours: "Mon–Fri 8:00–16:30",
  },
  {
    name: "Safe Harbor Domestic Violence Services",
    kind: "community",
    description: "Safety planning, shelter and legal advocacy, confidential; the hotline never closes.",
    domains: ["safety"],
    languages: ["en", "es"],
    phone: "(217) 555-0106",
    hours: "Hotline 24 hours a day, every day",
  },
  {
    name: "Kidney Center Social Work",
    kind: "clinical",
    description: "The dialysis unit's social workers: transport between sessions, bills and insurance.",
    domains: ["transportation", "financial-strain"],
    languages: ["en"],
    phone: "(217) 555-0107",
    hours: "Mon, Wed, Fri 6:00–18:00",
  },
  {
    name: "Behavioral Health Clinic",
    kind: "clinical",
    description: "Counselling and treatment for depression, anxiety and substance use.",
    domains: ["mental-health", "substance-use"],
    languages: ["en", "es"],
    phone: "(217) 555-0108",
    hours: "Mon–Fri 8:00–19:00",
  },
  {
    name: "Old Town Pantry",
    kind: "community",
    description: "Closed in the spring; its clients were welcomed by the Community Food Bank.",
    domains: ["food"],
    languages: ["en"],
    phone: "(217) 555-0109",
    active: false,
  },
];
