// Signing in: OAuth 2.0 authorization code with PKCE against the server named by /auth/config.json (the local
// issuer in development, Cognito's managed login in production). The verifier and the tokens never enter a URL:
// the verifier waits in sessionStorage during the redirect, the tokens live in localStorage.
import { ApiError, viewer } from './api.js';

const TOKENS = 'cruddur.tokens';
const PENDING = 'cruddur.sign-in';
const EARLY_REFRESH_MS = 30_000;

let config = null;
let refreshing = null;
let state = { user: null, checked: false, message: null };
const listeners = new Set();

export function session() {
  return state;
}

export function onSession(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(patch) {
  state = { ...state, ...patch };
  listeners.forEach((listener) => listener(state));
}

export function dismissMessage() {
  update({ message: null });
}

/** Starts signing in; when that cannot even start (the sign-in service is unreachable), says so. */
export function startSignIn(returnTo) {
  signIn(returnTo).catch((error) => update({ message: error.message }));
}

export function setUser(user) {
  update({ user });
}

function readTokens() {
  try {
    return JSON.parse(localStorage.getItem(TOKENS));
  } catch {
    return null;
  }
}

function storeTokens(tokens) {
  localStorage.setItem(TOKENS, JSON.stringify(tokens));
}

export function hasTokens() {
  return readTokens() !== null;
}

/** Forgets the tokens and shows the signed-out state, with why when there is a reason to say. */
export function endSession(message) {
  localStorage.removeItem(TOKENS);
  update({ user: null, checked: true, message });
}

export function signInConfig() {
  config ??= fetch('/auth/config.json', { headers: { Accept: 'application/json' } })
    .then((response) => {
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      return response.json();
    })
    .catch(() => {
      config = null;
      throw new ApiError('network', 'Signing in is not available right now. Try again in a moment.');
    });
  return config;
}

/** Finds out who is signed in (the server's answer to `me`), once at start and whenever another tab signs in or out. */
export async function checkSession() {
  try {
    const user = await viewer();
    update({ user, checked: true });
  } catch {
    update({ checked: true });
  }
}

window.addEventListener('storage', (event) => {
  if (event.key === TOKENS) {
    checkSession();
  }
});

/** The access token, refreshed first when it is about to expire; null when signed out. */
export async function accessToken() {
  const tokens = readTokens();
  if (!tokens) {
    return null;
  }
  if (Date.now() < tokens.expiresAt - EARLY_REFRESH_MS) {
    return tokens.access;
  }
  return refresh();
}

/** A new access token from the refresh token; null (and signed out with a message) when it is refused. */
export function refresh() {
  refreshing ??= refreshOnce().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refreshOnce() {
  const tokens = readTokens();
  if (!tokens?.refresh) {
    endSession('Your session has ended. Sign in again.');
    return null;
  }
  const cfg = await signInConfig();
  const response = await tokenRequest(cfg, {
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh,
    client_id: cfg.clientId,
  });
  if (!response) {
    endSession('Your session has ended. Sign in again.');
    return null;
  }
  storeTokens({ ...tokens, ...issued(response), refresh: response.refresh_token ?? tokens.refresh });
  return response.access_token;
}

/** POSTs to the token endpoint: the tokens, null when the grant is refused, an ApiError when it cannot be asked. */
async function tokenRequest(cfg, form) {
  let response;
  try {
    response = await fetch(cfg.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form),
    });
  } catch {
    throw new ApiError('network', 'The sign-in service cannot be reached. Try again in a moment.');
  }
  if (response.status >= 500) {
    throw new ApiError('unavailable', 'The sign-in service is not answering right now. Try again in a moment.');
  }
  const body = await response.json().catch(() => null);
  return response.ok && body?.access_token ? body : null;
}

function issued(response) {
  return {
    access: response.access_token,
    id: response.id_token,
    expiresAt: Date.now() + Number(response.expires_in ?? 3600) * 1000,
  };
}

function base64url(bytes) {
  let binary = '';
  bytes.forEach((byte) => {
    binary += String.fromCharCode(byte);
  });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

/** Leaves for the authorization server's page; it comes back to /auth/callback, and then to returnTo. */
export async function signIn(returnTo) {
  const cfg = await signInConfig();
  const verifier = randomString(32);
  const challenge = base64url(new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const stateValue = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ state: stateValue, verifier, returnTo }));
  const url = new URL(cfg.authorizeUrl, location.href);
  const scopes = Array.isArray(cfg.scopes) ? cfg.scopes.join(' ') : (cfg.scopes ?? 'openid email profile');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    state: stateValue,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: scopes,
  });
  url.search = params.toString();
  location.assign(url.toString());
}

/** On /auth/callback: trades the code for tokens; returns where to go next. Throws an Error to show otherwise. */
export async function completeSignIn(search) {
  const params = new URLSearchParams(search);
  // The code is single-use, but it has no business staying in the address bar or the history.
  history.replaceState(null, '', '/auth/callback');
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) {
    throw new Error(params.get('error') === 'access_denied'
      ? 'Signing in was cancelled.'
      : `The sign-in service refused: ${params.get('error_description') ?? params.get('error')}.`);
  }
  if (!pending || !params.get('code') || params.get('state') !== pending.state) {
    throw new Error('This sign-in did not start in this tab, or it is stale. Sign in again.');
  }
  const cfg = await signInConfig();
  const response = await tokenRequest(cfg, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: cfg.redirectUri,
    client_id: cfg.clientId,
    code_verifier: pending.verifier,
  });
  if (!response) {
    throw new Error('The sign-in service did not accept this sign-in. Sign in again.');
  }
  storeTokens({ ...issued(response), refresh: response.refresh_token });
  update({ message: null });
  await checkSession();
  return pending.returnTo || '/';
}

/** Forgets the tokens here, then lets the authorization server end its session and revoke the refresh token. */
export async function signOut() {
  let cfg = null;
  try {
    cfg = await signInConfig();
  } catch {
    // Signed out here all the same; the server's session ends with its cookie.
  }
  endSession(null);
  if (cfg?.logoutUrl) {
    const url = new URL(cfg.logoutUrl, location.href);
    url.search = new URLSearchParams({ client_id: cfg.clientId, logout_uri: `${location.origin}/` }).toString();
    location.assign(url.toString());
  }
}
