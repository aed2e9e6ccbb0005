import "server-only";

export * from "./reads";
export * from "./save";
export * from "./schemas";
