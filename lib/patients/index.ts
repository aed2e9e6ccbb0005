import "server-only";

export * from "./caseload";
export * from "./dashboard";
export * from "./overview";
export * from "./schemas";
export * from "./search";
export * from "./search-terms";
