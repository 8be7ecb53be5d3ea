import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '../api/types';
import { useSessionStore } from '../session/session-store';
import SignInPage from '../session/SignInPage.vue';
import AppLayout from '../layout/AppLayout.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Pages anyone may open without signing in. */
    public?: boolean;
    /** The roles that may open the page (any agency member when absent; operators only where listed). */
    roles?: readonly Role[];
    title?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: SignInPage, meta: { public: true, title: 'Sign in' } },
  {
    path: '/set-password',
    name: 'set-password',
    component: () => import('../session/SetPasswordPage.vue'),
    meta: { public: true, title: 'Choose a password' },
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      {
        path: '',
        name: 'phone',
        component: () => import('../phone/PhonePage.vue'),
        meta: { title: 'Phone', roles: ['agent'] },
      },
      {
        path: 'calls',
        name: 'calls',
        component: () => import('../history/CallHistoryPage.vue'),
        meta: { title: 'Calls', roles: ['agent', 'auditor'] },
      },
      {
        path: 'activation',
        name: 'activation',
        component: () => import('../activation/ActivationPage.vue'),
        meta: { title: 'Activation' },
      },
      {
        path: 'numbers',
        name: 'numbers',
        component: () => import('../numbers/NumbersPage.vue'),
        meta: { title: 'Numbers' },
      },
      {
        path: 'team',
        name: 'team',
        component: () => import('../team/TeamPage.vue'),
        meta: { title: 'Team', roles: ['admin'] },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('../account/AccountPage.vue'),
        meta: { title: 'Your account' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('../audit/AuditPage.vue'),
        meta: { title: 'Audit', roles: ['auditor'] },
      },
      {
        path: 'operator',
        name: 'operator',
        component: () => import('../operator/OperatorPage.vue'),
        meta: { title: 'Agencies', roles: ['operator'] },
      },
    ],
  },
  { path: '/:unknown(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

/**
 * Where each role starts: agents on the phone, auditors in the audit trail, admins on the numbers,
 * platform operators on their agencies.
 */
const HOME: Record<Role, string> = { agent: 'phone', auditor: 'audit', admin: 'numbers', operator: 'operator' };

/** The agency's own pages: a platform operator belongs to no agency. */
const AGENCY_ROLES: readonly Role[] = ['admin', 'agent', 'auditor'];

router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.checked) await session.restore().catch(() => undefined);
  const home = { name: HOME[session.role ?? 'agent'] };
  if (to.meta.public) return session.isSignedIn && to.name === 'sign-in' ? home : true;
  if (!session.isSignedIn) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  if (!(to.meta.roles ?? AGENCY_ROLES).includes(session.role!)) return home;
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · Curbe Voice` : 'Curbe Voice';
});
