/** The provisioning steps in the order they run, named for people. */
export const STEP_LABELS: Record<string, string> = {
  outbound_voice_profile: 'Outbound calling profile',
  texml_application: 'Call routing application',
  credential_connection: 'Web phone connection',
  agent_credentials: 'Agents’ phone logins',
  number_attachment: 'Phone numbers connected',
};

export const stepLabel = (step: string): string => STEP_LABELS[step] ?? step.replaceAll('_', ' ');
