import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { AppContext } from '../app-context.ts';

/** The Fastify instance with TypeBox schemas typing each route's input. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A group of routes: one folder under `routes/`, with its handlers in `index.ts` and schemas in `schema.ts`. */
export type RouteModule = (app: App, ctx: AppContext) => void | Promise<void>;
