// Translates every failure into `{ error: { code, message, fields } }`. Unknown errors become a
// generic 500 with a log line; no stack trace ever reaches the client.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  let path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra = issue.params?.additionalProperty ?? issue.params?.missingProperty;
  if (typeof extra === 'string') path = path ? `${path}.${extra}` : extra;
  return path || context || 'body';
}

function validationFields(error: FastifyError): FieldError[] {
  const issues = (error.validation ?? []) as ValidationIssue[];
  return issues.map((issue) => ({
    field: fieldOf(issue, error.validationContext),
    message: issue.keyword === 'additionalProperties' ? 'unknown field' : (issue.message ?? 'invalid'),
  }));
}

export function registerErrorHandling(app: FastifyInstance): void {
  // The API speaks JSON only. Fastify also parses text/plain by default, which would turn a
  // wrong content type into a confusing "body must be object"; without the parser it is a 415.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, fields: error.fields } });
    }
    if (error.validation) {
      const code = error.validationContext === 'querystring' ? 'request.invalid_query'
        : error.validationContext === 'params' ? 'request.invalid_params' : 'request.invalid_body';
      return reply.status(400).send({ error: { code, message: 'The request is not valid', fields: validationFields(error) } });
    }
    const known: Record<string, [number, string, string]> = {
      FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The body is not valid JSON'],
      FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.malformed_json', 'The body is empty'],
      FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The body is too large'],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Send application/json'],
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.invalid_length', 'Content-Length does not match the body'],
      FST_ERR_RATE_LIMIT: [429, 'request.rate_limited', 'Too many requests, slow down'],
    };
    const mapped = error.code ? known[error.code] : undefined;
    if (mapped) {
      return reply.status(mapped[0]).send({ error: { code: mapped[1], message: mapped[2], fields: [] } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      if (error.statusCode === 429) {
        return reply.status(429).send({ error: { code: 'request.rate_limited', message: 'Too many requests, slow down', fields: [] } });
      }
      return reply.status(error.statusCode).send({ error: { code: 'request.invalid', message: error.message, fields: [] } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side', fields: [] } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'route.not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, fields: [] } });
  });
}
