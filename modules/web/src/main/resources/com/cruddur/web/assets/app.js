// The client's entry point: the header (who is signed in), the current route's page, and focus after navigation.
import { h, render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { checkSession, dismissMessage, signOut, startSignIn } from './auth.js';
import { LiveRegion, useSession } from './components.js';
import { CallbackPage, CrudPage, HomePage, NotFound, ProfilePage } from './pages.js';
import { Link, parseRoute, profilePath, useLocation } from './router.js';

function Header() {
  const { user, checked, message } = useSession();
  const here = () => window.location.pathname;
  return h('header', { class: 'site-header' },
    h('div', { class: 'bar' },
      h(Link, { href: '/', class: 'brand' }, 'Cruddur'),
      h('nav', { 'aria-label': 'Account' },
        !checked ? null : user
          ? [
            h(Link, { key: 'me', href: profilePath(user.handle), class: 'me' },
              h('span', { class: 'sr-only' }, 'Signed in as '), user.displayName,
              h('span', { class: 'me-handle' }, ` @${user.handle}`)),
            h('button', { key: 'out', type: 'button', onClick: () => signOut() }, 'Sign out'),
          ]
          : [
            h('button', { key: 'in', type: 'button', class: 'primary', onClick: () => startSignIn(here()) }, 'Sign in'),
            h('button', { key: 'up', type: 'button', onClick: () => startSignIn(here()) }, 'Sign up'),
          ])),
    message && h('div', { class: 'session-message', role: 'alert' },
      h('p', null, message),
      h('button', { type: 'button', onClick: dismissMessage }, 'Dismiss')));
}

function Page({ location }) {
  const route = parseRoute(location.path);
  switch (route.name) {
    case 'home':
      return h(HomePage, { key: location.n });
    case 'profile':
      return h(ProfilePage, { key: `${route.handle}:${location.n}`, handle: route.handle });
    case 'crud':
      return h(CrudPage, { key: `${route.uuid}:${location.n}`, uuid: route.uuid });
    case 'callback':
      return h(CallbackPage, { search: location.search });
    default:
      return h(NotFound, { what: 'There is no page at this address.' });
  }
}

function App() {
  const location = useLocation();
  const main = useRef(null);
  useEffect(() => {
    if (location.n > 0) {
      window.scrollTo(0, 0);
      (main.current.querySelector('h1') ?? main.current).focus();
    }
  }, [location]);
  return [
    h('a', { key: 'skip', href: '#main', class: 'skip-link' }, 'Skip to content'),
    h(Header, { key: 'header' }),
    h('main', { key: 'main', id: 'main', tabIndex: -1, ref: main }, h(Page, { location })),
    h(LiveRegion, { key: 'live' }),
  ];
}

if (parseRoute(window.location.pathname).name !== 'callback') {
  checkSession();
}
render(h(App, null), document.getElementById('app'));
