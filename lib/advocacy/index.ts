import "server-only";

export * from "./reads";
export * from "./schemas";
export * from "./workflow";
export * from "./worklists";
