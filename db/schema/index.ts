export * from "./access";
export * from "./audit";
export * from "./auth";
export * from "./patients";
export * from "./users";
