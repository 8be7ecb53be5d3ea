import { defineStore } from 'pinia';
import { ref } from 'vue';
import { accountsApi, teamApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AccountMember, AddMemberBody, PasswordLink, Role } from '../api/types';
import { useSessionStore } from '../session/session-store';

/** A set-password link just handed out, shown until the admin closes it. */
export interface ShownLink extends PasswordLink {
  userId: string;
  displayName: string;
  email: string;
}

/**
 * The agency's team as its admins run it: add members (each with a set-password link to hand over),
 * fresh links, roles, disabling and enabling, removing. One change at a time (`busy` names the member,
 * or `add`), each followed by a reload of the list; a refusal's reason shows in `error`.
 */
export const useTeamStore = defineStore('team', () => {
  const session = useSessionStore();
  const members = ref<AccountMember[]>([]);
  const error = ref<string | null>(null);
  const busy = ref<string | null>(null);
  const link = ref<ShownLink | null>(null);
  const accountId = () => session.accountId;

  async function load(): Promise<void> {
    if (!accountId()) return;
    try {
      members.value = await accountsApi.members(accountId());
    } catch (failure) {
      error.value = messageOf(failure);
    }
  }

  async function run(key: string, action: () => Promise<unknown>): Promise<boolean> {
    busy.value = key;
    error.value = null;
    try {
      await action();
      return true;
    } catch (failure) {
      error.value = messageOf(failure);
      return false;
    } finally {
      busy.value = null;
      await load();
    }
  }

  const show = (who: Pick<AccountMember, 'userId' | 'displayName' | 'email'>, passwordLink: PasswordLink) => {
    link.value = { userId: who.userId, displayName: who.displayName, email: who.email, ...passwordLink };
  };

  const add = (body: AddMemberBody) =>
    run('add', async () => {
      const added = await teamApi.add(accountId(), body);
      show(added, added.passwordLink);
    });
  const newLink = (member: AccountMember) =>
    run(member.userId, async () => show(member, (await teamApi.newLink(accountId(), member.userId)).passwordLink));
  const changeRole = (member: AccountMember, role: Role) =>
    run(member.userId, () => teamApi.changeRole(accountId(), member.userId, role));
  const disable = (member: AccountMember) => run(member.userId, () => teamApi.disable(accountId(), member.userId));
  const enable = (member: AccountMember) => run(member.userId, () => teamApi.enable(accountId(), member.userId));
  const remove = (member: AccountMember) =>
    run(member.userId, async () => {
      await teamApi.remove(accountId(), member.userId);
      if (link.value?.userId === member.userId) link.value = null;
    });

  return { members, error, busy, link, load, add, newLink, changeRole, disable, enable, remove };
});
