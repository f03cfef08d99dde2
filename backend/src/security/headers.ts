/**
 * Security headers on every answer (@fastify/helmet): a Content-Security-Policy that the built UI passes (its scripts
 * and styles are files under /assets; Lit's component styles are constructed stylesheets, which CSP does not govern),
 * no framing by any site (clickjacking), no MIME sniffing, and a referrer policy that keeps URLs inside the workbench.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The UI's policy: everything from the workbench itself, nothing inline, no framing. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

/**
 * The API docs (@fastify/swagger-ui) set inline style attributes and `<style>` elements, so /docs gets
 * `style-src 'unsafe-inline'` (styles only: its scripts are files, and framing stays forbidden).
 */
export function docsCsp(header: string): string {
  return header.replace(/style-src 'self'(?=;|$)/, "style-src 'self' 'unsafe-inline'");
}

/** Register helmet with the workbench's policy (before the routes, so even refused requests carry the headers). */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // helmet's default `upgrade-insecure-requests` would send the UI's own requests to https:// on a plain-http
      // office server (http://192.168.1.20:3000), and nothing would load; useDefaults: false leaves it out.
      directives: Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])),
    },
    frameguard: { action: 'deny' },
    // Not `no-referrer`: under it Chromium sends `Origin: null` with the workbench's own form posts (a sign-in form,
    // say; the Fetch standard hides a navigation's origin when the referrer policy is no-referrer), which the request
    // guard must refuse. `same-origin` keeps the full URL inside the workbench and sends nothing to other sites.
    referrerPolicy: { policy: 'same-origin' },
  });
}
