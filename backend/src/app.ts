/**
 * The workbench as a Fastify instance: plugins, the API routes, the built frontend, and the one error handler that
 * turns coded errors into `{ error: { code, message } }`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { installGuard } from './auth/guard.ts';
import type { Deps } from './deps.ts';
import { isCodedError } from './errors.ts';
import { revalidateApiReads } from './routes/cached-reply.ts';
import { registerRoutes } from './routes/index.ts';
import { docsCsp, registerSecurityHeaders } from './security/headers.ts';
import { requestGuard } from './security/request-guard.ts';
import { refuseMultipartWithoutBoundary } from './routes/multipart-guard.ts';

export const BODY_LIMIT = 5 * 1024 * 1024;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;
/** How much of a refused body is read before answering 413 (beyond that the connection is closed anyway). */
export const DRAIN_MAX_BYTES = 256 * 1024 * 1024;
export const DRAIN_MAX_MS = 30_000;
export const FRONTEND_DIST = path.resolve(import.meta.dirname, '../../frontend/dist');

export interface BuildAppOptions {
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Folder of the built frontend; the API works without it. */
  frontendDist?: string;
}

/** Build the app (not listening). */
export async function buildApp(deps: Deps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: deps.config.LOG_LEVEL },
    bodyLimit: BODY_LIMIT,
    // Behind a reverse proxy that says so, req.ip and req.protocol come from X-Forwarded-For/-Proto (Secure cookies).
    trustProxy: deps.config.WORKBENCH_TRUST_PROXY === 'true',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // First: the headers go on every answer, refusals included; then the guard refuses other sites before any body
  // is read.
  await registerSecurityHeaders(app);
  const { config } = deps;
  await app.register(requestGuard, { listenHost: config.HOST, port: config.PORT, publicUrl: config.WORKBENCH_PUBLIC_URL, allowedHosts: config.WORKBENCH_ALLOWED_HOSTS });
  // Replies of 1 KB and more in br or gzip (brotli at quality 4: 11 costs ~50x the CPU for ~20% fewer bytes).
  // Server-sent events are not compressed (text/event-stream is left out), so progress is not held in a buffer;
  // request bodies are not inflated (as before), so a small compressed upload cannot expand past the body limit.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });
  // Before compression (route-level onSend hooks run after this one), so the tag is of the JSON itself.
  app.addHook('onSend', revalidateApiReads);
  app.addHook('onSend', async (req, reply, payload) => {
    // A 413 (or a 401 for an upload) is decided before the client has finished sending; closing then resets the
    // connection and the client (fetch, a browser upload) sees EPIPE instead of the message. Read the rest first, as
    // nginx's lingering close does, within bounds.
    if (reply.statusCode >= 400 && bodyStillComing(req.raw)) {
      await drainRequest(req.raw, DRAIN_MAX_BYTES, DRAIN_MAX_MS);
      reply.header('connection', 'close');
    }
    return payload;
  });
  await app.register(cookie);
  installGuard(app, deps);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 } });
  app.addHook('onRequest', refuseMultipartWithoutBoundary);
  await app.register(swagger, {
    openapi: { info: { title: 'Vietnamese-English workbench API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', transformStaticCSP: docsCsp });
  await app.register(registerRoutes, { deps });
  await registerFrontend(app, opts.frontendDist ?? FRONTEND_DIST);
  return app;
}

/** True when the client may still be sending a body this request has not read to its end. */
function bodyStillComing(raw: import('node:http').IncomingMessage): boolean {
  const declared = raw.headers['content-length'] !== undefined ? Number(raw.headers['content-length']) > 0 : raw.headers['transfer-encoding'] !== undefined;
  return declared && !raw.readableEnded && !raw.destroyed;
}

/** Read and discard the rest of a request body, up to `maxBytes` or `maxMs`; resolves when it ended or a bound was hit. */
export function drainRequest(raw: import('node:http').IncomingMessage, maxBytes: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', done).off('error', done).off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) done();
    };
    const timer = setTimeout(done, maxMs);
    raw.on('data', onData).on('end', done).on('error', done).on('close', done);
    raw.resume();
  });
}

function errorHandler(this: FastifyInstance, err: unknown, req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'request';
    const details = err.validation.map((v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where}: ${v.message}`);
    return reply.code(400).send({ error: { code: 'ERR_VALIDATION', message: `Invalid ${where}: ${details.join('; ')}` } });
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if (isCodedError(err)) {
    if (status >= 500) req.log.error({ err }, err.message);
    return reply.code(status).send({ error: { code: err.code, message: err.message } });
  }
  const fst = err as FastifyError;
  if (fst.code === 'FST_REQ_FILE_TOO_LARGE' || fst.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = fst.code === 'FST_REQ_FILE_TOO_LARGE' ? UPLOAD_LIMIT : BODY_LIMIT;
    const what = fst.code === 'FST_REQ_FILE_TOO_LARGE' ? 'The uploaded file' : 'The request body';
    return reply.code(413).send({ error: { code: fst.code, message: `${what} is larger than ${limit / 1024 / 1024} MB: split the document or upload it as .docx` } });
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, wrong content type): keep the message, it is about the input.
    return reply.code(status).send({ error: { code: fst.code ?? 'ERR_BAD_REQUEST', message: fst.message } });
  }
  req.log.error({ err: fst }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'ERR_INTERNAL', message: 'Internal error: the server log has the details' } });
}

/** Serve the built SPA; unknown non-API GETs get index.html so /articles/:id can be bookmarked and reloaded. */
async function registerFrontend(app: FastifyInstance, dist: string) {
  const index = path.join(dist, 'index.html');
  const hasBuild = fs.existsSync(index);
  if (hasBuild) await app.register(fastifyStatic, { root: dist, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (req.method !== 'GET' || url.startsWith('/api/') || url === '/api' || !hasBuild) {
      return reply.code(404).send({ error: { code: 'ERR_NOT_FOUND', message: `No route ${req.method} ${url}` } });
    }
    return reply.type('text/html; charset=utf-8').send(fs.createReadStream(index));
  });
}
