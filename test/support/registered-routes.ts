import type { FastifyInstance } from 'fastify';

/** Every registered route of a ready app as `[METHOD, path]`, read from Fastify's own route tree. */
export function registeredRoutes(app: Pick<FastifyInstance, 'printRoutes'>): [string, string][] {
  const routes: [string, string][] = [];
  const parents: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/u.exec(line);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    const path = (parents[depth - 1] ?? '') + match[2]!;
    parents[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) routes.push([method, path]);
  }
  return routes;
}
