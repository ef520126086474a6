// Client-side routes: the server answers the same page for each of them, and this decides what it shows.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(path) {
  if (path === '/') {
    return { name: 'home' };
  }
  if (path === '/auth/callback') {
    return { name: 'callback' };
  }
  const parts = path.split('/').slice(1);
  if (parts[0]?.startsWith('@') && parts[0].length > 1) {
    const handle = decodeURIComponent(parts[0].slice(1));
    if (parts.length === 1) {
      return { name: 'profile', handle };
    }
    if (parts.length === 3 && parts[1] === 'status') {
      return UUID.test(parts[2]) ? { name: 'crud', handle, uuid: parts[2].toLowerCase() } : { name: 'missing' };
    }
  }
  return { name: 'missing' };
}

export const profilePath = (handle) => `/@${encodeURIComponent(handle)}`;
export const crudPath = (crud) => `${profilePath(crud.author.handle)}/status/${crud.uuid}`;

const CHANGED = 'cruddur:navigate';

export function navigate(to, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  window.dispatchEvent(new Event(CHANGED));
}

/** The current location; a new object on every navigation, so pages reload even when the path is the same. */
export function useLocation() {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, search: window.location.search, n: 0 }));
  useEffect(() => {
    const changed = () => setLocation((previous) => ({
      path: window.location.pathname, search: window.location.search, n: previous.n + 1,
    }));
    // A fragment link (the skip link) pops a state too: only a new path or query is a new page.
    const popped = () => setLocation((previous) => (
      previous.path === window.location.pathname && previous.search === window.location.search ? previous : {
        path: window.location.pathname, search: window.location.search, n: previous.n + 1,
      }));
    window.addEventListener('popstate', popped);
    window.addEventListener(CHANGED, changed);
    return () => {
      window.removeEventListener('popstate', popped);
      window.removeEventListener(CHANGED, changed);
    };
  }, []);
  return location;
}

/** A link that navigates inside the page; a modified click (new tab, download) is left to the browser. */
export function Link({ href, children, ...rest }) {
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return h('a', { href, onClick, ...rest }, children);
}
