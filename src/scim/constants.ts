// URNs from RFC 7643 (schemas) and RFC 7644 (messages).
export const SCHEMA_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCHEMA_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCHEMA_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCHEMA_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCHEMA_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCHEMA_BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const SCHEMA_BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const SCHEMA_SPC = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const SCHEMA_RESOURCE_TYPE = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
/** Our extension of the Error message: the rule problems behind a 400, per column. */
export const SCHEMA_PROBLEMS = 'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:Problems';
/** Our extension of ServiceProviderConfig: Bulk dry runs. */
export const SCHEMA_SPC_EXTENSION =
  'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:ServiceProviderConfig';

/** RFC 7644 3.7: a Bulk request of at most this many operations; seed 004: 1万件 per job. */
export const BULK_MAX_OPERATIONS = 10_000;
/** RFC 7644 3.7: the largest Bulk body in bytes (10,000 users of ~1 KB each fit). */
export const BULK_MAX_PAYLOAD = 16 * 1024 * 1024;
/** The largest page a list returns (RFC 7644 3.4.2.4 lets the server cap `count`). */
export const MAX_PAGE_SIZE = 1000;
