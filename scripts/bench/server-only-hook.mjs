// Lets the benchmark's reference server import the domain modules outside Next's server build:
// `server-only` throws anywhere but a React server bundle, so it resolves to an empty module here.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
