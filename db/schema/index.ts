export * from "./access";
export * from "./appointments";
export * from "./audit";
export * from "./auth";
export * from "./care-team";
export * from "./patients";
export * from "./users";
