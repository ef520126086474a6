// One component per route.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CREATE, CRUD, graphql, HOME_FEED, PROFILE, REPLY, UPDATE_PROFILE } from './api.js';
import { checkSession, completeSignIn, setUser, signIn } from './auth.js';
import {
  announce, Avatar, Composer, CrudItem, CrudList, Failure, useNow, usePaged, useSession,
} from './components.js';
import { codePoints, expired, plural } from './format.js';
import { Link, navigate, profilePath } from './router.js';
import { errorsByField } from './words.js';

function useTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} · Cruddur` : 'Cruddur';
  }, [title]);
}

/**
 * The page's h1. It takes the focus when it appears and nothing has it: after a navigation the heading of the
 * loading state is replaced by that of the loaded page, and the focus must not fall back to the body.
 */
function Heading({ children, hidden = false }) {
  const ref = useRef(null);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) {
      ref.current?.focus();
    }
  }, []);
  return h('h1', { ref, tabIndex: -1, class: hidden ? 'sr-only' : null }, children);
}

function focusCrud(uuid) {
  requestAnimationFrame(() => document.getElementById(`crud-${uuid}`)?.focus());
}

function Loading() {
  return h('p', { class: 'loading', role: 'status' }, 'Loading…');
}

export function NotFound({ what }) {
  useTitle('Not found');
  return h('div', { class: 'page not-found' },
    h(Heading, null, 'Not found'),
    h('p', null, what),
    h('p', null, h(Link, { href: '/' }, 'Back to the home feed')));
}

export function HomePage() {
  useTitle('Home');
  const feed = usePaged(async (after) => {
    const data = await graphql(HOME_FEED, { after });
    return { items: data.homeFeed.nodes, pageInfo: data.homeFeed.pageInfo };
  }, 'home');
  const posted = (crud) => {
    feed.prepend(crud);
    announce('Your crud is posted.');
    focusCrud(crud.uuid);
  };
  return h('div', { class: 'page home' },
    h(Heading, null, 'Home'),
    h(Composer, {
      id: 'post', label: "What's happening?", max: 280, buttonLabel: 'Crud', withTtl: true, draftKey: 'cruddur.draft.post',
      submit: async (message, ttl) => (await graphql(CREATE, { input: { message, ttl } })).createActivity,
      onPosted: posted,
    }),
    feed.status === 'loading' && h(Loading),
    feed.status === 'failed' && h(Failure, { error: feed.error, retry: feed.reload }),
    feed.status === 'ready' && h(CrudList, { paged: feed, label: 'Home feed', emptyText: 'Nothing to see here yet.' }));
}

export function CrudPage({ uuid }) {
  const now = useNow();
  const replies = usePaged(async (after) => {
    const data = await graphql(CRUD, { uuid, after });
    const crud = data.activity;
    if (!crud) {
      return null;
    }
    return { items: crud.replies.nodes, pageInfo: crud.replies.pageInfo, extra: crud };
  }, uuid);
  const crud = replies.extra;
  useTitle(crud ? `${crud.author.displayName}: “${[...crud.message].slice(0, 40).join('')}”` : 'Crud');
  if (replies.status === 'missing' || (crud && expired(crud, now))) {
    return h(NotFound, { what: 'This crud does not exist, or it has expired.' });
  }
  if (!crud) {
    return h('div', { class: 'page crud-page' }, h(Heading, null, 'Crud'),
      replies.status === 'failed' ? h(Failure, { error: replies.error, retry: replies.reload }) : h(Loading));
  }
  const replied = (reply) => {
    replies.append(reply);
    replies.setExtra((parent) => ({ ...parent, repliesCount: parent.repliesCount + 1 }));
    announce('Your reply is posted.');
    focusCrud(reply.uuid);
  };
  return h('div', { class: 'page crud-page' },
    h(Heading, { hidden: true }, `Crud by ${crud.author.displayName}`),
    crud.replyTo && h('p', { class: 'reply-to' }, 'Replying to ',
      h(Link, { href: `${profilePath(crud.replyTo.author.handle)}/status/${crud.replyTo.uuid}` }, `@${crud.replyTo.author.handle}`)),
    h('div', { class: 'focus-crud' }, h(CrudItem, { crud, now })),
    h(Composer, {
      id: 'reply', label: 'Write a reply', max: 1024, buttonLabel: 'Reply', withTtl: false, draftKey: `cruddur.draft.reply.${uuid}`,
      submit: async (message) => (await graphql(REPLY, { input: { activityUuid: uuid, message } })).replyToActivity,
      onPosted: replied,
    }),
    h('h2', null, 'Replies'),
    h(CrudList, { paged: replies, label: 'Replies', emptyText: 'No replies yet.', headingLevel: 3 }));
}

function EditProfile({ user, onSaved, onCancel }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [bio, setBio] = useState(user.bio ?? '');
  const [errors, setErrors] = useState({});
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const save = async (event) => {
    event?.preventDefault();
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      const payload = (await graphql(UPDATE_PROFILE, { input: { displayName, bio: bio === '' ? null : bio } })).updateProfile;
      if (payload.user) {
        onSaved(payload.user);
      } else {
        setErrors(errorsByField(payload.errors, ['displayName', 'bio']));
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const field = (name, label, input, limit, value) => h('div', { class: 'field' },
    h('label', { for: `profile-${name}` }, label),
    input,
    h('span', { class: codePoints(value) > limit ? 'count over' : 'count', id: `profile-${name}-count` },
      `${codePoints(value)} / ${limit}`),
    errors[name] && h('ul', { class: 'field-errors', id: `profile-${name}-errors` }, errors[name].map((text) => h('li', { key: text }, text))));
  const described = (name) => [`profile-${name}-count`, errors[name] ? `profile-${name}-errors` : null].filter(Boolean).join(' ');
  return h('form', { class: 'edit-profile', onSubmit: save, 'aria-labelledby': 'edit-profile-title', noValidate: true },
    h('h2', { id: 'edit-profile-title' }, 'Edit profile'),
    field('displayName', 'Display name', h('input', {
      id: 'profile-displayName', name: 'displayName', value: displayName, onInput: (e) => setDisplayName(e.target.value),
      'aria-invalid': errors.displayName ? 'true' : 'false', 'aria-describedby': described('displayName'), autocomplete: 'name',
    }), 100, displayName),
    field('bio', 'Bio', h('textarea', {
      id: 'profile-bio', name: 'bio', rows: 3, value: bio, onInput: (e) => setBio(e.target.value),
      'aria-invalid': errors.bio ? 'true' : 'false', 'aria-describedby': described('bio'),
    }), 500, bio),
    errors.form && h('ul', { class: 'field-errors' }, errors.form.map((text) => h('li', { key: text }, text))),
    failure && h(Failure, { error: failure, retry: save }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', disabled: busy }, busy ? 'Saving…' : 'Save'),
      h('button', { type: 'button', onClick: onCancel }, 'Cancel')));
}

export function ProfilePage({ handle }) {
  const { user: me } = useSession();
  const [editing, setEditing] = useState(false);
  const cruds = usePaged(async (after) => {
    const data = await graphql(PROFILE, { handle, after });
    const user = data.user;
    return user ? { items: user.activities.nodes, pageInfo: user.activities.pageInfo, extra: user } : null;
  }, handle);
  const user = cruds.extra;
  useTitle(user ? `${user.displayName} (@${user.handle})` : `@${handle}`);
  if (cruds.status === 'missing') {
    return h(NotFound, { what: `No one is called @${handle} on Cruddur.` });
  }
  if (!user) {
    return h('div', { class: 'page profile' }, h(Heading, null, `@${handle}`),
      cruds.status === 'failed' ? h(Failure, { error: cruds.error, retry: cruds.reload }) : h(Loading));
  }
  const own = me !== null && me.uuid === user.uuid;
  const saved = (updated) => {
    cruds.setExtra((previous) => ({ ...previous, ...updated }));
    setUser({ ...me, displayName: updated.displayName, bio: updated.bio });
    setEditing(false);
    announce('Your profile is saved.');
    requestAnimationFrame(() => document.querySelector('main h1')?.focus());
  };
  return h('div', { class: 'page profile' },
    h('header', { class: 'profile-header' },
      h(Avatar, { user, large: true }),
      h('div', { class: 'profile-names' },
        h(Heading, null, user.displayName),
        h('p', { class: 'handle' }, `@${user.handle}`),
        h('p', { class: 'cruds-count' }, plural(user.crudsCount, 'Crud', 'Cruds'))),
      own && !editing && h('button', {
        type: 'button', class: 'edit', onClick: () => {
          setEditing(true);
          requestAnimationFrame(() => document.getElementById('profile-displayName')?.focus());
        },
      }, 'Edit profile')),
    user.bio && h('p', { class: 'bio' }, user.bio),
    own && editing && h(EditProfile, { user, onSaved: saved, onCancel: () => setEditing(false) }),
    h('h2', { class: 'sr-only' }, `Cruds by ${user.displayName}`),
    h(CrudList, { paged: cruds, label: `Cruds by ${user.displayName}`, emptyText: `@${user.handle} has no cruds yet.`, headingLevel: 3 }));
}

export function CallbackPage({ search }) {
  useTitle('Signing in');
  const [error, setError] = useState(null);
  useEffect(() => {
    completeSignIn(search)
      .then((next) => navigate(next, { replace: true }))
      .catch((failure) => {
        setError(failure);
        checkSession();
      });
  }, []);
  return h('div', { class: 'page callback' },
    h(Heading, null, error ? 'Not signed in' : 'Signing in…'),
    error && h('div', { class: 'failure', role: 'alert' },
      h('p', null, error.message),
      h('button', { type: 'button', onClick: () => signIn('/').catch(setError) }, 'Sign in again'),
      h('p', null, h(Link, { href: '/' }, 'Back to the home feed'))));
}
