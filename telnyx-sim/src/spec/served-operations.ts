/**
 * The Telnyx operations the simulator serves, by the spec's operationId. The spec subset is cut to
 * exactly these (scripts/extract-spec.ts), and every REST route is registered from this list's entries.
 */
export const SERVED_OPERATION_IDS = [
  'ListManagedAccounts',
  'CreateManagedAccount',
  'RetrieveManagedAccount',
  'ListOutboundVoiceProfiles',
  'CreateVoiceProfile',
  'GetOutboundVoiceProfile',
  'UpdateOutboundVoiceProfile',
  'DeleteOutboundVoiceProfile',
  'FindTexmlApplications',
  'CreateTexmlApplication',
  'GetTexmlApplication',
  'UpdateTexmlApplication',
  'DeleteTexmlApplication',
  'ListCredentialConnections',
  'CreateCredentialConnection',
  'RetrieveCredentialConnection',
  'UpdateCredentialConnection',
  'DeleteCredentialConnection',
  'FindTelephonyCredentials',
  'CreateTelephonyCredential',
  'GetTelephonyCredential',
  'DeleteTelephonyCredential',
  'CreateTelephonyCredentialToken',
  'ListPhoneNumbers',
  'RetrievePhoneNumber',
  'UpdatePhoneNumber',
  'DeletePhoneNumber',
  'ListAvailablePhoneNumbers',
  'CreateNumberOrder',
  'ListNumberOrders',
  'RetrieveNumberOrder',
] as const;

export type ServedOperationId = (typeof SERVED_OPERATION_IDS)[number];
