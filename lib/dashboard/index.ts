import "server-only";

// Re-exports only: what the dashboard page uses.
export { type Dashboard, getDashboard } from "./reads";
