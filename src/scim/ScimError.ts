import { SCHEMA_ERROR, SCHEMA_PROBLEMS } from './constants';

/** RFC 7644 3.12 scimType values, and RFC 9865 Section 2.1's for cursor paging. */
export type ScimType =
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount'
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** A rule problem behind an error, per attribute (column key of the profile). */
export interface ScimProblem {
  column: string;
  code: string;
  message: string;
}

/** An HTTP error with a SCIM Error body; thrown by the server, parsed back by the client. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly problems: readonly ScimProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  /** The RFC 7644 3.12 body; rule problems ride along in our extension. */
  toJSON(): Record<string, unknown> {
    // RFC 7643 3: every schema a body carries is listed in `schemas`, our extension too.
    const body: Record<string, unknown> = {
      schemas: this.problems.length > 0 ? [SCHEMA_ERROR, SCHEMA_PROBLEMS] : [SCHEMA_ERROR],
      status: String(this.status),
      detail: this.detail,
    };
    if (this.scimType) body.scimType = this.scimType;
    if (this.problems.length > 0) body[SCHEMA_PROBLEMS] = { problems: this.problems };
    return body;
  }
}
