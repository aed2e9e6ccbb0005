import "server-only";

export * from "./accounts";
export * from "./caseload";
export * from "./caseload-transfer";
export * from "./new-user-form";
export * from "./password-reset";
export * from "./reads";
export * from "./role-and-activation";
export * from "./schemas";
