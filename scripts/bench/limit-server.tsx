/**
 * The stack's limit for the patient overview: a plain node:http server that does what the page
 * does for its content, and nothing else: decodes the session cookie, checks the session row,
 * loads the overview through the same domain function (the same SQL through postgres.js, audit
 * row included) and renders the same component with React's renderToString. No router, no RSC,
 * no layout. Started by the benchmark: node --import tsx --import ./scripts/bench/server-only-hook.mjs
 */
import http from "node:http";
import { decode } from "next-auth/jwt";
import { renderToString } from "react-dom/server";
import { PatientOverviewView } from "@/components/patient-overview";
import { validateSession } from "@/lib/auth/sessions";
import { getPatientOverview } from "@/lib/patients";

const COOKIE = "authjs.session-token";
const secret = process.env.AUTH_SECRET ?? "";
const port = Number(process.env.PORT ?? 3200);

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

const server = http.createServer(async (request, response) => {
  try {
    const token = cookieValue(request.headers.cookie, COOKIE);
    const claims = token ? await decode({ token, secret, salt: COOKIE }) : null;
    const check = typeof claims?.sid === "string" ? await validateSession(claims.sid, "127.0.0.1") : null;
    if (!check?.ok) {
      response.writeHead(401).end("Sign in");
      return;
    }
    const id = (request.url ?? "").split("/")[2] ?? "";
    const overview = await getPatientOverview(check.actor, id);
    const html = renderToString(
      <html lang="en">
        <body>
          <main>
            <PatientOverviewView p={overview} />
          </main>
        </body>
      </html>,
    );
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!DOCTYPE html>${html}`);
  } catch (error) {
    console.error(error);
    response.writeHead(500).end("Error");
  }
});

server.listen(port, "127.0.0.1", () => console.log(`limit reference on ${port}`));
