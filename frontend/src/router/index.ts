import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '../session/session-store';
import SignInPage from '../session/SignInPage.vue';
import AppLayout from '../layout/AppLayout.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Pages anyone may open without signing in. */
    public?: boolean;
    /** Pages only auditors see. */
    auditorOnly?: boolean;
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
      { path: '', name: 'phone', component: () => import('../phone/PhonePage.vue'), meta: { title: 'Phone' } },
      {
        path: 'calls',
        name: 'calls',
        component: () => import('../history/CallHistoryPage.vue'),
        meta: { title: 'Calls' },
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
        path: 'audit',
        name: 'audit',
        component: () => import('../audit/AuditPage.vue'),
        meta: { title: 'Audit', auditorOnly: true },
      },
    ],
  },
  { path: '/:unknown(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.checked) await session.restore().catch(() => undefined);
  if (to.meta.public)
    return session.isSignedIn && to.name === 'sign-in' ? { name: session.isAuditor ? 'audit' : 'phone' } : true;
  if (!session.isSignedIn) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  if (to.meta.auditorOnly && !session.isAuditor) return { name: 'phone' };
  if (session.isAuditor && to.name === 'phone') return { name: 'audit' };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · Curbe Voice` : 'Curbe Voice';
});
