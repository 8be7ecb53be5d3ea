import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/**
 * A feature slice's (or platform route's) Fastify plugin. It declares exactly the dependencies it
 * uses; the composition root hands every plugin the same `{ deps }`, which satisfies each of them.
 */
export type SlicePlugin<Deps> = FastifyPluginAsyncTypebox<{ deps: Deps }>;
