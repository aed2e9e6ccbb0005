import "server-only";

export * from "./accept";
export * from "./grants";
export * from "./invitations";
export * from "./reads";
export * from "./renew";
export * from "./scopes";
