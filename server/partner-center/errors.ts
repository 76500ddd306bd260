/**
 * A connector failure with a sentence for the Data page and the connection page. Messages never contain the
 * client secret, the access token or a download link (which is itself a credential).
 */
export class ConnectorError extends Error {
  override name = "ConnectorError";
  constructor(
    message: string,
    readonly kind:
      | "not_configured"
      | "token"
      | "no_access"
      | "insights_role"
      | "api"
      | "unreachable"
      | "invalid_response"
      | "execution_failed"
      | "download"
      | "too_large" = "api",
  ) {
    super(message);
  }
}

/** Microsoft asked us to wait longer than a job should block: the step is re-queued after `delayMs`. */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
  constructor(
    readonly delayMs: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The secure download link no longer works (expired): the execution is read again for a fresh one. */
export class LinkExpiredError extends Error {
  override name = "LinkExpiredError";
  constructor(readonly status: number) {
    super(`the download link answered ${status}`);
  }
}
