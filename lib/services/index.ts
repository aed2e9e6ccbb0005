import "server-only";

// Re-exports only: what pages, actions and other modules use.
export { createService, setServiceActive, updateService } from "./manage";
export { listServices, type Service, type ServiceDirectory, unsafeActiveServicesFor } from "./reads";
export * from "./schemas";
