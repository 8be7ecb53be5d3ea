/** Why a numbers command was refused; the routes turn each reason into an HTTP status. */
export type NumberRejection =
  | 'invalid_number'
  | 'account_not_found'
  | 'number_not_found'
  | 'agent_not_found'
  | 'not_an_agent'
  | 'already_owned'
  | 'assigned_to_other_agent'
  | 'released'
  | 'order_pending'
  | 'order_failed'
  | 'missing_at_telnyx';

export class NumberRejected extends Error {
  override readonly name = 'NumberRejected';
  constructor(
    readonly reason: NumberRejection,
    message: string,
  ) {
    super(message);
  }
}
