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
