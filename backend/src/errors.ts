/**
 * Every coded error the workbench throws. Routes never try/catch: the single error handler in app.ts
 * turns these into `{ error: { code, message } }` with the status given here.
 * This module imports nothing from the project.
 */
import createError from '@fastify/error';

export const Errors = {
  // input
  EmptyInput: createError('ERR_INPUT_EMPTY', 'The document is empty: %s', 400),
  BinaryInput: createError('ERR_INPUT_BINARY', 'The upload is not text: %s', 415),
  UnsupportedType: createError('ERR_INPUT_UNSUPPORTED_TYPE', 'Unsupported file type %s: upload .txt, .html or .docx', 415),
  MalformedInput: createError('ERR_INPUT_MALFORMED', '%s', 400),
  // resources
  ArticleNotFound: createError('ERR_ARTICLE_NOT_FOUND', 'Article %s does not exist', 404),
  SegmentNotFound: createError('ERR_SEGMENT_NOT_FOUND', 'Segment %s does not exist', 404),
  JobNotFound: createError('ERR_JOB_NOT_FOUND', 'Job %s does not exist', 404),
  NotFound: createError('ERR_NOT_FOUND', '%s', 404),
  VersionConflict: createError('ERR_SEGMENT_VERSION_CONFLICT', 'Segment %s was changed by someone else (version %s, you sent %s)', 409),
  Conflict: createError('ERR_CONFLICT', '%s', 409),
  // model
  ModelNotConfigured: createError(
    'ERR_MODEL_NOT_CONFIGURED',
    'No model is configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a local server such as Ollama or vLLM) and WORKBENCH_MODEL, then restart',
    503,
  ),
  ModelFailed: createError('ERR_MODEL_FAILED', 'The model call failed: %s', 502),
  ModelOutputInvalid: createError('ERR_MODEL_OUTPUT_INVALID', 'The model answer was not usable: %s', 502),
  // prompts and config
  PromptInvalid: createError('ERR_PROMPT_INVALID', 'Prompt file %s is invalid: %s', 500),
  PromptNotFound: createError('ERR_PROMPT_NOT_FOUND', 'Prompt %s does not exist', 404),
  ConfigInvalid: createError('ERR_CONFIG_INVALID', 'Invalid configuration: %s', 500),
  // accounts, roles and workflow (office server)
  AuthRequired: createError('ERR_AUTH_REQUIRED', 'Sign in first: %s', 401),
  LoginFailed: createError('ERR_AUTH_LOGIN_FAILED', 'Wrong name or password, or the account is disabled', 401),
  LoginRateLimited: createError('ERR_AUTH_RATE_LIMITED', 'Too many sign-in attempts: wait %s and try again', 429),
  Forbidden: createError('ERR_AUTH_FORBIDDEN', '%s', 403),
  UserExists: createError('ERR_USER_EXISTS', 'A user named %s already exists', 409),
  UserNotFound: createError('ERR_USER_NOT_FOUND', 'User %s does not exist', 404),
  LastAdmin: createError('ERR_USER_LAST_ADMIN', 'This is the last enabled admin: make another user admin first', 409),
  AnnotationRequired: createError(
    'ERR_REVIEW_ANNOTATION_REQUIRED',
    'Segment %s was confirmed by a translator: record at least one error annotation (category and severity) for your change',
    400,
  ),
  NotFinal: createError('ERR_EXPORT_NOT_FINAL', 'Article %s cannot be exported as final yet: %s', 409),
} as const;

export type CodedError = Error & { code: string; statusCode?: number };

/** True for errors thrown from `Errors` (they carry an ERR_ code). */
export function isCodedError(err: unknown): err is CodedError {
  return err instanceof Error && typeof (err as CodedError).code === 'string' && (err as CodedError).code.startsWith('ERR_');
}
