import { Type, type Static } from '@sinclair/typebox';

/**
 * The numbers API's answers (`/api/accounts/:id/numbers…`): the backend validates its responses
 * against these schemas and the web app reads them through their `Static` types.
 */

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A number Telnyx offers for sale. */
export const AvailableNumberSchema = Type.Object({
  phoneNumber: Type.String(),
  locality: NullableString,
  region: NullableString,
  monthlyCost: NullableString,
  currency: NullableString,
});
export type AvailableNumber = Static<typeof AvailableNumberSchema>;

/** A number the account owns (or released), as ordering, assigning and releasing answer it. */
export const OwnedNumberSchema = Type.Object({
  phoneNumber: Type.String(),
  accountId: Type.String(),
  /** Telnyx's id of the number; null while its order is pending or after it failed. */
  phoneNumberId: NullableString,
  /** `pending`: ordered, Telnyx has not completed the order; `failed`: Telnyx could not (see `failureReason`); `missing`: gone at Telnyx. */
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('active'),
    Type.Literal('failed'),
    Type.Literal('released'),
    Type.Literal('missing'),
  ]),
  failureReason: NullableString,
  texmlApplicationId: NullableString,
  agentId: NullableString,
});
export type OwnedNumber = Static<typeof OwnedNumberSchema>;

/** What a sync with the managed account's numbers at Telnyx changed. */
export const NumbersSyncSchema = Type.Object({
  adopted: Type.Array(Type.String()),
  missing: Type.Array(Type.String()),
});
export type NumbersSync = Static<typeof NumbersSyncSchema>;

/** A number as the account's list shows it, from the read model. */
export const NumberListItemSchema = Type.Object({
  ...OwnedNumberSchema.properties,
  numberOrderId: NullableString,
  agentName: NullableString,
  orderedAt: Type.String(),
  updatedAt: Type.String(),
});
export type NumberListItem = Static<typeof NumberListItemSchema>;
