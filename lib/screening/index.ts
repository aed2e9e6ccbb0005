import "server-only";

export * from "./complete";
export * from "./errors";
export * from "./instrument";
export * from "./portal-reads";
export * from "./reads";
export * from "./respond";
export * from "./schemas";
export * from "./score";
