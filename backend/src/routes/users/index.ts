/** Administration of accounts: list, create, change role, disable, reset a password. Admins only (route-access.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { noteAudit } from '../../auth/guard.ts';
import { generatePassword } from '../../auth/secrets.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { CreatedUser, CreateUserBody, PatchedUser, PatchUserBody, User } from '../../schemas/office.ts';
import { addUser, changeUser, listUsers } from '../../services/accounts.ts';

export const usersRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get('/api/users', { schema: { tags: ['users'], response: { 200: z.object({ users: z.array(User) }) } } }, async () => ({ users: await listUsers(deps) }));

  app.post('/api/users', { schema: { tags: ['users'], body: CreateUserBody, response: { 201: CreatedUser, 400: ErrorBody, 409: ErrorBody } } }, async (req, reply) => {
    // A generated password is shown once, to the admin who hands it over; it is never stored in clear.
    const generated = req.body.password ? undefined : generatePassword();
    const user = await addUser(deps, req.body.name, req.body.role, req.body.password ?? generated!);
    noteAudit(req, { entityId: user.id, after: user });
    return reply.code(201).send({ user, ...(generated ? { password: generated } : {}) });
  });

  app.patch('/api/users/:id', {
    schema: { tags: ['users'], params: z.object({ id: z.string().min(1).max(100) }), body: PatchUserBody, response: { 200: PatchedUser, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => {
    const password = req.body.resetPassword ? generatePassword() : undefined;
    const { before, after } = await changeUser(deps, req.params.id, { role: req.body.role, disabled: req.body.disabled, password });
    noteAudit(req, { entityId: after.id, before, after: { ...after, passwordReset: Boolean(password) } });
    return { user: after, ...(password ? { password } : {}) };
  });
};
