// The error responses every read endpoint documents: bad input, no or bad token, wrong role/scope.
import { errorSchema, unauthorizedResponse } from '../errors';

const json = { 'application/json': { schema: errorSchema } };

export const readErrors = {
  400: { description: 'A parameter is invalid; the error names it', content: json },
  401: unauthorizedResponse,
  403: {
    description: 'The role may not read, or the area lies outside a lead’s scope',
    content: json,
  },
  404: { description: 'An area the request names does not exist', content: json },
} as const;

/** What a read through the read-response layer adds: its ETag revalidated. */
export const jsonReadResponses = {
  304: {
    description:
      'Not modified: the ETag sent in If-None-Match is still current (reads carry an ETag ' +
      'from the data version and the query, and Cache-Control: private, no-cache)',
  },
  ...readErrors,
} as const;
