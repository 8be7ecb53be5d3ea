import type { AccountSetupAt, AccountVerification, AuditEntry } from '../slices/audit';

/** Plain-text reports for the audit CLI: one line per fact, readable in a terminal or a ticket. */

export function verificationReport(result: AccountVerification): string {
  const lines = [`Hash chains of account ${result.accountId}: ${result.intact ? 'INTACT' : 'BROKEN'}`];
  for (const stream of result.streams) {
    lines.push(
      stream.intact
        ? `  ok      ${stream.stream} (${stream.events} events)`
        : `  BROKEN  ${stream.stream} at revision ${stream.firstBrokenRevision} of ${stream.events}: ${stream.reason}`,
    );
  }
  return lines.join('\n');
}

export function replayReport(entries: AuditEntry[], result: AccountSetupAt): string {
  const lines = [`Account ${result.accountId} as of ${result.at} (${result.eventsApplied} events)`, '', 'Events:'];
  for (const entry of entries) {
    lines.push(
      `  ${entry.occurredAt}  ${entry.type.padEnd(28)} ${entry.stream}@${entry.revision}  by ${entry.actor}  [${entry.correlationId}]`,
    );
  }
  const { setup } = result;
  lines.push('');
  if (!setup) {
    lines.push('The account did not exist yet.');
    return lines.join('\n');
  }
  const { activation } = setup;
  lines.push(`Setup of "${setup.name}" (Telnyx account ${setup.telnyxAccountId}):`);
  lines.push(`  activation: ${activation.status}${activation.attempt ? ` (attempt ${activation.attempt})` : ''}`);
  lines.push(`    outbound voice profile: ${activation.outboundVoiceProfileId ?? '-'}`);
  lines.push(`    TeXML application:      ${activation.texmlApplicationId ?? '-'}`);
  lines.push(`    credential connection:  ${activation.credentialConnectionId ?? '-'}`);
  if (activation.lastFailure)
    lines.push(`    last failure at ${activation.lastFailure.step}: ${activation.lastFailure.message}`);
  lines.push('  members:');
  for (const agent of setup.agents) {
    lines.push(
      `    ${agent.displayName} <${agent.email}> ${agent.role}, SIP ${agent.sipUsername ?? '-'} (${agent.userId})`,
    );
  }
  lines.push('  numbers:');
  if (setup.numbers.length === 0) lines.push('    none');
  for (const number of setup.numbers) {
    const agent = setup.agents.find((a) => a.userId === number.agentId);
    lines.push(
      `    ${number.phoneNumber} ${number.status}, app ${number.texmlApplicationId ?? '-'}, agent ${agent?.displayName ?? number.agentId ?? '-'}`,
    );
  }
  return lines.join('\n');
}
