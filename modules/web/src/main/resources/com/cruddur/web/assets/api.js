// The GraphQL API: one POST to /graphql per request, with the signed-in person's access token when there is one.
import { accessToken, hasTokens, refresh, endSession } from './auth.js';

/** A request that did not produce data. kind: network, unavailable, unauthenticated, internal. */
export class ApiError extends Error {
  constructor(kind, message, requestId) {
    super(message);
    this.kind = kind;
    this.requestId = requestId;
  }

  get retryable() {
    return this.kind === 'network' || this.kind === 'unavailable';
  }
}

const CRUD_FIELDS = `
  fragment CrudFields on Activity {
    uuid message createdAt expiresAt repliesCount
    author { uuid handle displayName }
  }`;
const PAGE = 'pageInfo { hasNextPage endCursor }';
const ERRORS = 'errors { field code message }';

export const HOME_FEED = `query HomeFeed($after: String) {
  homeFeed(first: 20, after: $after) { nodes { ...CrudFields } ${PAGE} }
}${CRUD_FIELDS}`;

export const CRUD = `query Crud($uuid: UUID!, $after: String) {
  activity(uuid: $uuid) {
    ...CrudFields
    replyTo { uuid author { handle } }
    replies(first: 20, after: $after) { nodes { ...CrudFields } ${PAGE} }
  }
}${CRUD_FIELDS}`;

export const PROFILE = `query Profile($handle: String!, $after: String) {
  user(handle: $handle) {
    uuid handle displayName bio crudsCount
    activities(first: 20, after: $after) { nodes { ...CrudFields } ${PAGE} }
  }
}`  + CRUD_FIELDS;

export const ME = 'query Me { me { uuid handle displayName bio } }';

export const CREATE = `mutation Post($input: CreateActivityInput!) {
  createActivity(input: $input) { activity { ...CrudFields } ${ERRORS} }
}${CRUD_FIELDS}`;

export const REPLY = `mutation Reply($input: ReplyToActivityInput!) {
  replyToActivity(input: $input) { activity { ...CrudFields } ${ERRORS} }
}${CRUD_FIELDS}`;

export const UPDATE_PROFILE = `mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) { user { uuid handle displayName bio crudsCount } ${ERRORS} }
}`;

const UNREACHABLE = 'Cruddur cannot be reached. Check your connection, then try again.';
const BUSY = 'Cruddur is not answering right now. Try again in a moment.';

async function post(query, variables, token) {
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json;q=0.9',
  };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('network', UNREACHABLE);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's error page, or a connection cut mid-answer: judged by the status below.
  }
  const error = body?.errors?.[0];
  const code = error?.extensions?.code;
  if (response.status === 503 || code === 'UNAVAILABLE') {
    throw new ApiError('unavailable', BUSY);
  }
  if (code === 'UNAUTHENTICATED') {
    throw new ApiError('unauthenticated', 'Sign in to do that.');
  }
  if (error || !body?.data) {
    const requestId = error?.extensions?.requestId;
    throw new ApiError(response.status >= 500 || !body ? 'unavailable' : 'internal',
      response.status >= 500 || !body ? BUSY : 'Something went wrong on our side.', requestId);
  }
  return body.data;
}

/**
 * Runs a query or mutation. A refused access token (expired, revoked, from another pool) gets one refresh and
 * one retry; when that fails too, the person is signed out with a message and the call fails as unauthenticated.
 */
export async function graphql(query, variables = {}) {
  const token = await accessToken();
  try {
    return await post(query, variables, token);
  } catch (e) {
    if (!(e instanceof ApiError) || e.kind !== 'unauthenticated' || !token) {
      throw e;
    }
  }
  const fresh = await refresh();
  if (!fresh) {
    throw new ApiError('unauthenticated', 'Your session has ended. Sign in again.');
  }
  try {
    return await post(query, variables, fresh);
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'unauthenticated') {
      endSession('Cruddur did not accept your sign-in. Sign in again.');
    }
    throw e;
  }
}

/** Who the access token belongs to, or null; a token the server ignores gets one refresh before giving up. */
export async function viewer() {
  if (!hasTokens()) {
    return null;
  }
  let me = (await post(ME, {}, await accessToken())).me;
  if (!me && hasTokens()) {
    const fresh = await refresh();
    me = fresh ? (await post(ME, {}, fresh)).me : null;
    if (!me && hasTokens()) {
      endSession('Cruddur did not accept your sign-in. Sign in again.');
    }
  }
  return me;
}
