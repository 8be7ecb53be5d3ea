import { Type, type Static } from '@sinclair/typebox';

/**
 * Events of the platform itself, outside every agency: the operators who run Curbe Voice for many
 * agencies, kept on the one `platform-operators` stream. An operator's password lives on their
 * `user-{userId}` stream like a member's.
 */

export const PLATFORM_STREAM_PREFIX = 'platform-';
export const PLATFORM_OPERATORS_STREAM = `${PLATFORM_STREAM_PREFIX}operators`;

/** The role of a platform operator: creates agencies, belongs to none, and may open no agency's data. */
export const OperatorRoleSchema = Type.Literal('operator');
export type OperatorRole = Static<typeof OperatorRoleSchema>;
export const OPERATOR_ROLE: OperatorRole = 'operator';

export const PlatformOperatorAddedSchema = Type.Object({
  userId: Type.String(),
  /** Lower-case; signs in like a member's. */
  email: Type.String(),
  displayName: Type.String(),
});

export const PlatformEventSchemas = {
  PlatformOperatorAdded: PlatformOperatorAddedSchema,
} as const;

type Schemas = typeof PlatformEventSchemas;
export type PlatformEventType = keyof Schemas;
export type PlatformEvent = { [K in PlatformEventType]: { type: K; data: Static<Schemas[K]> } }[PlatformEventType];
export type PlatformEventData<K extends PlatformEventType> = Static<Schemas[K]>;

export const isPlatformEventType = (type: string): type is PlatformEventType =>
  Object.hasOwn(PlatformEventSchemas, type);
