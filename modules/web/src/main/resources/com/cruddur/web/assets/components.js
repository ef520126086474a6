// The pieces every page uses: a crud, a list of cruds with "more", the posting form, a failure with a retry.
import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { onSession, session, startSignIn } from './auth.js';
import { age, codePoints, expired, fullDate, plural, timeLeft } from './format.js';
import { crudPath, Link, navigate, profilePath } from './router.js';
import { DEFAULT_TTL, errorsByField, TTLS } from './words.js';

export function useSession() {
  const [current, setCurrent] = useState(session());
  useEffect(() => {
    const stop = onSession(setCurrent);
    setCurrent(session()); // what changed before this subscribed
    return stop;
  }, []);
  return current;
}

/** The clock, ticking every second: ages grow and expiring cruds leave the list. */
export function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

let announcer = null;

/** Says something to screen readers (the page's polite live region). */
export function announce(text) {
  if (announcer) {
    announcer.textContent = '';
    setTimeout(() => {
      announcer.textContent = text;
    }, 50);
  }
}

export function LiveRegion() {
  return h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', ref: (element) => { announcer = element; } });
}

/**
 * A paginated list loaded by fetchPage(after) → {items, pageInfo, extra} (null: not found). "more" appends the
 * next page without duplicates; prepend/append put a new item in without reloading.
 */
export function usePaged(fetchPage, key) {
  const empty = { status: 'loading', items: [], pageInfo: null, extra: null, error: null, moreError: null, loadingMore: false };
  const [state, setState] = useState(empty);
  const current = useRef(state);
  current.current = state;
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, status: 'loading', error: null }));
    try {
      const page = await fetchPage(null);
      if (mine === generation.current) {
        setState(page ? { ...empty, status: 'ready', items: page.items, pageInfo: page.pageInfo, extra: page.extra }
          : { ...empty, status: 'missing' });
      }
    } catch (error) {
      if (mine === generation.current) {
        setState((previous) => ({ ...previous, status: 'failed', error }));
      }
    }
  }, [key]);

  useEffect(() => {
    load();
  }, [load]);

  const more = async () => {
    const mine = generation.current;
    const cursor = current.current.pageInfo?.endCursor;
    setState((previous) => ({ ...previous, loadingMore: true, moreError: null }));
    try {
      const page = await fetchPage(cursor);
      if (mine === generation.current && page) {
        setState((previous) => {
          const seen = new Set(previous.items.map((item) => item.uuid));
          return {
            ...previous,
            loadingMore: false,
            items: [...previous.items, ...page.items.filter((item) => !seen.has(item.uuid))],
            pageInfo: page.pageInfo,
          };
        });
      }
    } catch (error) {
      if (mine === generation.current) {
        setState((previous) => ({ ...previous, loadingMore: false, moreError: error }));
      }
    }
  };

  const prepend = (item) => setState((previous) => ({
    ...previous, items: [item, ...previous.items.filter((other) => other.uuid !== item.uuid)],
  }));
  const append = (item) => setState((previous) => ({
    ...previous, items: [...previous.items.filter((other) => other.uuid !== item.uuid), item],
  }));
  const setExtra = (change) => setState((previous) => ({ ...previous, extra: change(previous.extra) }));
  return { ...state, reload: load, more, prepend, append, setExtra };
}

const AVATAR_COLOURS = 8;

export function Avatar({ user, large = false }) {
  let hash = 0;
  for (const char of user.handle.toLowerCase()) {
    hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  }
  const initial = [...(user.displayName.trim() || user.handle)][0].toUpperCase();
  return h('span', { class: `avatar avatar-${hash % AVATAR_COLOURS}${large ? ' avatar-large' : ''}`, 'aria-hidden': 'true' }, initial);
}

function BombIcon() {
  return h('svg', { class: 'icon', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    h('circle', { cx: 10, cy: 14, r: 7, fill: 'currentColor' }),
    h('path', { d: 'M14.5 8.5l2.5-2.5M17 6l1.5-1.5M19 3.5l1 -1M20 6h1.5M18 2v-1', stroke: 'currentColor', 'stroke-width': 1.8, fill: 'none', 'stroke-linecap': 'round' }));
}

function ReplyIcon() {
  return h('svg', { class: 'icon', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    h('path', { d: 'M4 5h16v11H9l-5 4z', stroke: 'currentColor', 'stroke-width': 1.8, fill: 'none', 'stroke-linejoin': 'round' }));
}

/** One crud. Its age links to its page; anywhere else on it opens that page too (but links, buttons, selections). */
export function CrudItem({ crud, now, headingLevel = null }) {
  const left = crud.expiresAt ? timeLeft(crud.expiresAt, now) : null;
  const open = (event) => {
    if (event.target.closest('a, button, input, textarea, select') || window.getSelection()?.toString()) {
      return;
    }
    navigate(crudPath(crud));
  };
  const authorId = `crud-${crud.uuid}-author`;
  const name = h(Link, { href: profilePath(crud.author.handle), class: 'display-name', id: authorId }, crud.author.displayName);
  return h('article', { class: 'crud', id: `crud-${crud.uuid}`, 'aria-labelledby': authorId, tabIndex: -1, onClick: open },
    h(Link, { href: profilePath(crud.author.handle), class: 'avatar-link', tabIndex: -1, 'aria-hidden': 'true' },
      h(Avatar, { user: crud.author })),
    h('div', { class: 'crud-body' },
      h('div', { class: 'crud-meta' },
        headingLevel ? h(`h${headingLevel}`, { class: 'crud-author' }, name) : name,
        h('span', { class: 'handle' }, `@${crud.author.handle}`),
        h(Link, { href: crudPath(crud), class: 'age', 'aria-label': `Posted ${fullDate(crud.createdAt)}: open this crud` },
          h('time', { dateTime: crud.createdAt, title: fullDate(crud.createdAt) }, age(crud.createdAt, now))),
        left && h('span', { class: 'expires', title: `Expires ${fullDate(crud.expiresAt)}` },
          h(BombIcon), h('span', { class: 'sr-only' }, 'expires in '), h('span', { class: 'time-left' }, left))),
      h('p', { class: 'message' }, crud.message),
      crud.repliesCount > 0 && h('p', { class: 'replies' },
        h(ReplyIcon), ' ', plural(crud.repliesCount, 'reply', 'replies'))));
}

/** A list of cruds with "more" at the end; a crud that expires while shown leaves it. */
export function CrudList({ paged, label, emptyText, headingLevel = 2 }) {
  const now = useNow();
  const visible = paged.items.filter((crud) => !expired(crud, now));
  return h('section', { class: 'crud-list', 'aria-label': label },
    visible.length === 0 && !paged.pageInfo?.hasNextPage
      ? h('p', { class: 'empty' }, emptyText)
      : h('ol', { class: 'cruds' }, visible.map((crud) =>
        h('li', { key: crud.uuid }, h(CrudItem, { crud, now, headingLevel })))),
    paged.moreError && h(Failure, { error: paged.moreError, retry: paged.more }),
    paged.pageInfo?.hasNextPage && !paged.moreError && h('button', {
      type: 'button', class: 'more', onClick: paged.more, disabled: paged.loadingMore,
    }, paged.loadingMore ? 'Loading…' : 'More'));
}

/** What went wrong, with a way out: try again, or sign in. Never a blank page. */
export function Failure({ error, retry, returnTo }) {
  const unauthenticated = error instanceof ApiError && error.kind === 'unauthenticated';
  return h('div', { class: 'failure', role: 'alert' },
    h('p', null, error.message, error.requestId ? ` (request ${error.requestId})` : ''),
    unauthenticated && h('button', { type: 'button', onClick: () => startSignIn(returnTo ?? window.location.pathname) }, 'Sign in'),
    !unauthenticated && retry && (!(error instanceof ApiError) || error.retryable)
      && h('button', { type: 'button', onClick: retry }, 'Try again'));
}

function FieldErrors({ id, errors }) {
  return errors && errors.length > 0
    ? h('ul', { class: 'field-errors', id }, errors.map((text) => h('li', { key: text }, text)))
    : null;
}

/**
 * The form for a crud or a reply. The draft is kept (also across the sign-in redirect) until the server has the
 * crud; every failure leaves the text where it was. submit(text, ttl) → the mutation's payload.
 */
export function Composer({ id, label, max, buttonLabel, withTtl, submit, onPosted, draftKey }) {
  const { user } = useSession();
  const [text, setText] = useState(() => sessionStorage.getItem(draftKey) ?? '');
  const [ttl, setTtl] = useState(DEFAULT_TTL);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState({});
  const [failure, setFailure] = useState(null);
  const left = max - codePoints(text);
  const over = left < 0;
  const blank = text.trim() === '';

  const change = (event) => {
    setText(event.target.value);
    sessionStorage.setItem(draftKey, event.target.value);
    setErrors({});
  };

  const send = async (event) => {
    event?.preventDefault();
    if (busy || over || blank) {
      return;
    }
    if (!user) {
      setFailure(new ApiError('unauthenticated', `Sign in to post. What you wrote stays here.`));
      return;
    }
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      const payload = await submit(text, ttl);
      if (!payload.activity) {
        const problems = payload.errors.length > 0 ? payload.errors : [{ code: 'not_posted', message: 'It was not posted. Try again.' }];
        setErrors(errorsByField(problems, ['message', 'ttl']));
        return;
      }
      setText('');
      sessionStorage.removeItem(draftKey);
      onPosted(payload.activity);
    } catch (error) {
      setFailure(error.kind === 'unauthenticated'
        ? new ApiError('unauthenticated', `${error.message} What you wrote stays here.`) : error);
    } finally {
      setBusy(false);
    }
  };

  const messageErrors = [...(over ? [`Too long: remove ${plural(-left, 'character', 'characters')}.`] : []), ...(errors.message ?? [])];
  const describedBy = [`${id}-count`, messageErrors.length ? `${id}-errors` : null].filter(Boolean).join(' ');
  return h('form', { class: 'composer', onSubmit: send, 'aria-label': label, noValidate: true },
    h('label', { for: `${id}-text`, class: 'sr-only' }, label),
    h('textarea', {
      id: `${id}-text`, name: 'message', rows: 3, value: text, onInput: change, placeholder: label,
      'aria-describedby': describedBy, 'aria-invalid': messageErrors.length > 0 ? 'true' : 'false',
    }),
    h(FieldErrors, { id: `${id}-errors`, errors: messageErrors }),
    h('div', { class: 'composer-actions' },
      h('span', { id: `${id}-count`, class: over ? 'count over' : 'count' },
        h('span', { class: 'count-number' }, String(left)), h('span', { class: 'sr-only' }, ' characters left')),
      withTtl && h('label', { class: 'ttl' }, 'Expires in ',
        h('select', { name: 'ttl', value: ttl, onChange: (event) => setTtl(event.target.value), 'aria-invalid': errors.ttl ? 'true' : 'false' },
          TTLS.map(([value, words]) => h('option', { key: value, value }, words)))),
      h('button', { type: 'submit', class: 'primary', disabled: busy || over || blank }, busy ? 'Posting…' : buttonLabel)),
    h(FieldErrors, { id: `${id}-ttl-errors`, errors: errors.ttl }),
    h(FieldErrors, { id: `${id}-form-errors`, errors: errors.form }),
    failure && h(Failure, { error: failure, retry: send }));
}
