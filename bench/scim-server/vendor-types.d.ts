// Types for the untyped dev dependencies the benchmark uses: the slice of autocannon 9's programmatic
// API it calls, and express 5 (used only to mount scimmy-routers in the baseline server).
declare module 'autocannon' {
  interface AutocannonRequest {
    method: string;
    path: string;
    body?: string;
    headers?: Record<string, string>;
  }
  interface AutocannonOptions {
    url: string;
    connections: number;
    duration: number;
    maxOverallRequests?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: { setupRequest?: (request: AutocannonRequest) => AutocannonRequest }[];
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }
  interface AutocannonResult {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
}

declare module 'express' {
  import type { Server } from 'node:http';
  export interface Request {
    header(name: string): string | undefined;
  }
  export type Router = object;
  export interface Application {
    use(path: string, handler: unknown): Application;
    listen(port: number, host: string, callback: () => void): Server;
  }
  export default function express(): Application;
}
