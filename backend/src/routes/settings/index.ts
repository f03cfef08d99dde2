/** Provider settings for admins: read (never the key), save, and test the connection with one small real call. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteOptions } from '../index.ts';
import { actorOf, noteAudit } from '../../auth/guard.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { ConnectionTest, ProviderSettings, SaveProviderSettings } from '../../schemas/settings.ts';
import { getProviderSettings, saveProviderSettings, testProviderConnection } from '../../services/provider-settings.ts';

export const settingsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get('/api/settings/provider', { schema: { tags: ['settings'], response: { 200: ProviderSettings } } }, async () => getProviderSettings(deps));

  app.put('/api/settings/provider', { schema: { tags: ['settings'], body: SaveProviderSettings, response: { 200: ProviderSettings, 400: ErrorBody } } }, async (req) => {
    const { before, after } = await saveProviderSettings(deps, req.body, actorOf(req).name);
    // The trail says that the key changed, never what it is.
    const { apiKey: _key, ...body } = req.body;
    noteAudit(req, { entity: 'settings', entityId: 'provider', before, after, detail: { body, apiKeyChanged: req.body.apiKey !== undefined } });
    return after;
  });

  app.post('/api/settings/provider/test', { schema: { tags: ['settings'], response: { 200: ConnectionTest } } }, async (req) => {
    const result = await testProviderConnection(deps);
    noteAudit(req, { entity: 'settings', entityId: 'provider', after: result, detail: {} });
    return result;
  });
};
