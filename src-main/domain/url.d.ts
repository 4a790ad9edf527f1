/*
 * Reading a URL is pure (the WHATWG URL, the same in Node and in every browser), but lib ES2023
 * does not declare it. This declares what domain/ reads of one, for tsconfig.domain.json only:
 * with Node's or the DOM's types the real declarations apply (tsconfig.main.json excludes this).
 */

interface URLSearchParams {
  get(name: string): string | null;
  has(name: string): boolean;
}

interface URL {
  href: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  readonly origin: string;
  readonly searchParams: URLSearchParams;
  toString(): string;
}

declare const URL: {
  prototype: URL;
  new (url: string, base?: string | URL): URL;
};
