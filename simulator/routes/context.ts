import type { Caller } from '../permissions';
import type { SimResponse } from '../http';
import type { World } from '../world';

/** Read access to the parsed query string. */
export class QueryReader {
  constructor(private readonly values: Readonly<Record<string, string[]>>) {}

  /** First value of a parameter. */
  get(name: string): string | undefined {
    return this.values[name]?.[0];
  }

  /** All values of a repeated parameter (`keys=A&keys=B`). */
  all(name: string): string[] {
    return this.values[name] ?? [];
  }

  has(name: string): boolean {
    return name in this.values;
  }

  /** A comma-separated parameter (`expand=groups,applicationRoles`), across repeats, trimmed. */
  list(name: string): string[] {
    return this.all(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }
}

export interface RequestContext {
  world: World;
  caller: Caller;
  params: Readonly<Record<string, string>>;
  query: QueryReader;
  /** Parsed JSON body; `bodyError` is set when a body was sent but is not JSON. */
  body: unknown;
  bodyError: boolean;
  /** The request body as sent (e.g. a multipart form), when there was one. */
  rawBody?: string;
  /** Base URL for `self` links: the site, or the gateway base for gateway requests. */
  baseUrl: string;
  siteUrl: string;
  /** This request's absolute URL (path and query as sent). */
  selfUrl: string;
  now: Date;
}

export type Handler = (ctx: RequestContext) => SimResponse;
