import "server-only";

export * from "./accept";
export * from "./grants";
export * from "./invitations";
export * from "./reads";
