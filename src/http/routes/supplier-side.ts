// The supplier's side (issue 13): buyer sincerity, the evidence room, file requests, the public verified profile
// and invitations to verify — registered together so app.ts names them once.
import { fileRequestRoutes } from './file-requests.js';
import { invitationRoutes } from './invitations.js';
import { publicProfileRoutes } from './public-profile.js';
import { shareRoutes } from './shares.js';
import { sincerityRoutes } from './sincerity.js';
import type { RoutePlugin } from './types.js';

export const supplierSideRoutes: RoutePlugin = (app, ctx, opts) => {
  for (const r of [sincerityRoutes, shareRoutes, publicProfileRoutes, invitationRoutes, fileRequestRoutes]) r(app, ctx, opts);
};
