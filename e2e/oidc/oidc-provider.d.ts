// oidc-provider ships no type declarations; this covers what the test provider uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  export interface KoaContextWithOIDC {
    oidc?: {
      route?: string;
      entities?: { AuthorizationCode?: { sessionUid?: string; grantId?: string } };
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      provider: Provider;
    };
    body: unknown;
    status: number;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    Grant: {
      new (properties: { accountId?: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
    listen(port: number, host: string, callback?: () => void): Server;
  }
  export default Provider;
}
