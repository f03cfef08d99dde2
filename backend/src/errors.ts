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
  // interchange files (CSV, TBX, TMX, XLIFF): bytes that do not decode to text in the detected or declared encoding
  InterchangeEncoding: createError('ERR_INTERCHANGE_ENCODING', '%s', 400),
  InterchangeTooDeep: createError('ERR_INTERCHANGE_TOO_DEEP', 'The %s nests elements more than %s levels deep (the limit): %s', 422),
  // intake limits: one document must not freeze or bloat the server; each message names the limit it hit
  IntakeTooDeep: createError('ERR_INTAKE_TOO_DEEP', 'The HTML nests elements more than %s levels deep (the limit): %s', 422),
  IntakeZipBomb: createError('ERR_INTAKE_ZIP_BOMB', 'The .docx is refused: %s', 413),
  IntakeTimeout: createError('ERR_INTAKE_TIMEOUT', 'Reading the document took longer than the limit of %s s (WORKBENCH_INTAKE_TIMEOUT_MS): split it into smaller documents', 422),
  IntakeTooMuchMemory: createError('ERR_INTAKE_TOO_MUCH_MEMORY', 'Reading the document needed more than the limit of %s MB of memory (WORKBENCH_INTAKE_MEMORY_MB): split it into smaller documents', 413),
  IntakeBusy: createError('ERR_INTAKE_BUSY', 'The server is reading %s documents already (the limit): try again in a moment', 503),
  UploadMalformed: createError('ERR_UPLOAD_MALFORMED', 'The multipart/form-data upload could not be read (%s): send the file again', 400),
  UploadNoBoundary: createError('ERR_UPLOAD_NO_BOUNDARY', 'The multipart/form-data request has no boundary in its Content-Type: let the browser or client set the header (e.g. curl -F file=@article.docx)', 400),
  // resources
  ArticleNotFound: createError('ERR_ARTICLE_NOT_FOUND', 'Article %s does not exist', 404),
  SegmentNotFound: createError('ERR_SEGMENT_NOT_FOUND', 'Segment %s does not exist', 404),
  JobNotFound: createError('ERR_JOB_NOT_FOUND', 'Job %s does not exist', 404),
  NotFound: createError('ERR_NOT_FOUND', '%s', 404),
  VersionConflict: createError('ERR_SEGMENT_VERSION_CONFLICT', 'Segment %s was changed by someone else (version %s, you sent %s)', 409),
  Conflict: createError('ERR_CONFLICT', '%s', 409),
  // review
  QaGateBlocked: createError('ERR_QA_GATE_BLOCKED', '%s', 409),
  ExportNotFinal: createError('ERR_EXPORT_NOT_FINAL', '%s', 409),
  // model
  ModelNotConfigured: createError(
    'ERR_MODEL_NOT_CONFIGURED',
    'No model is configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a local server such as Ollama or vLLM) and WORKBENCH_MODEL, then restart',
    503,
  ),
  ModelFailed: createError('ERR_MODEL_FAILED', 'The model call failed: %s', 502),
  ModelOutputInvalid: createError('ERR_MODEL_OUTPUT_INVALID', 'The model answer was not usable: %s', 502),
  // eval runs started from the Evaluations page
  EvalDatasetInvalid: createError('ERR_EVAL_DATASET_INVALID', '%s', 400),
  EvalRunInvalid: createError('ERR_EVAL_RUN_INVALID', '%s', 400),
  EvalRunBusy: createError('ERR_EVAL_RUN_BUSY', 'Eval run %s is still running: wait for it to finish or cancel it, then start another', 409),
  EvalRunNotFound: createError('ERR_EVAL_RUN_NOT_FOUND', 'Eval run %s does not exist (runs are kept until the server restarts; saved results are on the Evaluations list)', 404),
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
  // requests from elsewhere (security/request-guard.ts)
  HostForbidden: createError('ERR_HOST_FORBIDDEN', '%s', 421),
  OriginForbidden: createError('ERR_ORIGIN_FORBIDDEN', '%s', 403),
} as const;

export type CodedError = Error & { code: string; statusCode?: number };

/**
 * A coded error rebuilt from its parts, for errors that crossed a worker thread: structured cloning keeps an
 * error's message but not its code or status.
 */
export function codedError(code: string, statusCode: number, message: string): CodedError {
  return Object.assign(new Error(message), { code, statusCode });
}

/** True for errors thrown from `Errors` (they carry an ERR_ code). */
export function isCodedError(err: unknown): err is CodedError {
  return err instanceof Error && typeof (err as CodedError).code === 'string' && (err as CodedError).code.startsWith('ERR_');
}
