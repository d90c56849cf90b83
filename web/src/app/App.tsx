import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { ApiError } from '../api/client.js';
import { ME_KEY } from '../api/session.js';
import i18n from '../i18n/index.js';
import { notify, Notifications } from '../lib/notify.js';
import { errorText } from '../lib/validation.js';
import { InvitePage } from '../pages/InvitePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { NotFoundPage } from '../pages/AccessPages.js';
import { SignupConfirmPage } from '../pages/SignupConfirmPage.js';
import { SignupPage } from '../pages/SignupPage.js';
import { VerifyPage } from '../pages/record/VerifyPage.js';
import { PageGuard } from './PageGuard.js';
import { PAGES } from './registry.js';
import { ProtectedShell } from './Shell.js';
import { theme } from './theme.js';

function onUnauthorized(e: unknown) {
  // The session ended (expired, logged out elsewhere): drop it, the shell then redirects to /login.
  if (e instanceof ApiError && e.status === 401 && queryClient.getQueryData(ME_KEY)) queryClient.setQueryData(ME_KEY, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onUnauthorized }),
  mutationCache: new MutationCache({
    onError: (e, _vars, _ctx, mutation) => {
      onUnauthorized(e);
      // Forms show their own errors next to the fields; everything else gets a notification.
      if (!mutation.meta?.handlesErrors) notify.error(errorText(e, i18n.t.bind(i18n)));
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  { path: '/signup/confirm', element: <SignupConfirmPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  // Anyone, signed in or not, verifies a dossier or credential here (in the browser, nothing uploaded).
  { path: '/verify', element: <VerifyPage /> },
  {
    element: <ProtectedShell />,
    children: [...PAGES.map((p) => ({ path: p.path, element: <PageGuard page={p} /> })), { path: '*', element: <NotFoundPage /> }],
  },
]);

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
        <Notifications />
      </QueryClientProvider>
    </MantineProvider>
  );
}
