// Staff sign-in: a session token in the reply (for sockets) and in an HttpOnly cookie.
import { z } from 'zod';
import { loginRequestSchema, sessionInfoSchema } from '@hall/common/api';
import { staffSchema } from '@hall/common/domain';
import type { AuthService } from '../../auth/auth-service.ts';
import { bearerToken } from '../mount.ts';
import { route } from '../route.ts';

export function authRoutes(auth: AuthService) {
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      summary: '工作人员登录',
      tag: 'auth',
      access: 'public',
      body: loginRequestSchema,
      response: sessionInfoSchema,
      handler: async ({ body, client, res }) => {
        const session = await auth.login(body.username, body.password, client);
        res.cookie('hall_session', session.token, { httpOnly: true, sameSite: 'strict', expires: new Date(session.expiresAt), path: '/' });
        return session;
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      summary: '退出登录',
      tag: 'auth',
      access: 'staff',
      response: null,
      handler: ({ req, res }) => {
        const token = bearerToken(req);
        if (token) auth.logout(token);
        res.clearCookie('hall_session', { path: '/' });
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/me',
      summary: '当前登录的工作人员',
      tag: 'auth',
      access: 'staff',
      response: z.object({ staff: staffSchema }),
      handler: ({ staff }) => ({ staff: staff! }),
    }),
  ];
}
