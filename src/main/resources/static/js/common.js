// dqms: what every page shares. Light/dark toggle, the CSRF header for fetch, following a live
// stream, and keeping a staff session alive while a console stays open.
(function () {
  'use strict';

  var root = document.documentElement;
  var saved = localStorage.getItem('dqms-theme');
  if (saved === 'light' || saved === 'dark') {
    root.setAttribute('data-theme', saved);
  }

  function currentTheme() {
    var set = root.getAttribute('data-theme');
    if (set) return set;
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function cookie(name) {
    var match = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return match ? decodeURIComponent(match[1]) : null;
  }

  // POST with the session cookie: the CSRF token goes in a header.
  function post(url) {
    var headers = {};
    var xsrf = cookie('XSRF-TOKEN');
    if (xsrf) headers['X-XSRF-TOKEN'] = xsrf;
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: headers });
  }

  var FIRST_RETRY_MS = 1000;
  var LAST_RETRY_MS = 30 * 1000;

  // Follows an event stream for as long as the page is open. EventSource tries again by itself only
  // when a stream that was open breaks; a reconnect answered with anything but 200 text/event-stream
  // (a proxy's 502 during a deploy, dqms' 503 while the database is down or the instance has
  // DQMS_LIVE_MAX_STREAMS streams) closes it for good. A closed stream is opened again after 1 s,
  // doubling to 30 s, each wait cut by a random part so that a waiting room of phones does not come
  // back at the same moment. Every stream starts with the current state, so the first events after a
  // reconnect bring whatever the page missed. onState(true) when a stream opens, onState(false)
  // when it is lost. Returns { close }.
  function follow(url, listeners, onState) {
    var current = null;
    var timer = null;
    var closed = false;
    var delay = FIRST_RETRY_MS;

    function connect() {
      timer = null;
      var stream = new EventSource(url);
      current = stream;
      Object.keys(listeners).forEach(function (name) {
        stream.addEventListener(name, listeners[name]);
      });
      stream.addEventListener('open', function () {
        delay = FIRST_RETRY_MS;
        onState(true);
      });
      stream.addEventListener('error', function () {
        if (closed) return;
        onState(false);
        if (stream.readyState === EventSource.CLOSED && timer === null) {
          timer = setTimeout(connect, delay / 2 + Math.random() * delay / 2);
          delay = Math.min(delay * 2, LAST_RETRY_MS);
        }
      });
    }

    connect();
    return {
      close: function () {
        closed = true;
        clearTimeout(timer);
        current.close();
      }
    };
  }

  window.dqms = { cookie: cookie, post: post, follow: follow };

  // A form the browser is already sending is not sent again: a double click on "Call next" would
  // otherwise call the next patient and then show the doctor the second click's refusal. Forms that
  // a script sends itself (it prevents the default) are left alone; a page restored from the
  // back-forward cache takes forms again.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented) return;
    if (form.hasAttribute('data-sending')) {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sending', '');
  });
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[data-sending]').forEach(function (form) {
      form.removeAttribute('data-sending');
    });
  });

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-theme-toggle]').forEach(function (button) {
      button.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
      button.addEventListener('click', function () {
        var next = currentTheme() === 'dark' ? 'light' : 'dark';
        root.setAttribute('data-theme', next);
        localStorage.setItem('dqms-theme', next);
        button.setAttribute('aria-pressed', String(next === 'dark'));
      });
    });

    // Sign-in page opened because a console's session ran out: try the refresh cookie first. The
    // server renders only a path on this site; the origin is checked here as well, by the browser's
    // own URL parser.
    var form = document.querySelector('form[data-silent-refresh]');
    var next = form && form.getAttribute('data-next');
    var target = next ? new URL(next, window.location.href) : null;
    if (target && target.origin === window.location.origin) {
      post('/api/v1/auth/refresh').then(function (response) {
        if (response.ok) window.location.replace(target.href);
      });
    }

    // Consoles stay open all day: renew the access cookie before it runs out. Tabs of one browser
    // share the cookies, so they agree through localStorage that one of them renews: a refresh token
    // is spent once, and presenting it twice ends the session.
    if (document.body.hasAttribute('data-keep-session')) {
      var every = 5 * 60 * 1000;
      setInterval(function () {
        var last = Number(localStorage.getItem('dqms-refreshed') || 0);
        if (Date.now() - last < every) return;
        localStorage.setItem('dqms-refreshed', String(Date.now()));
        post('/api/v1/auth/refresh');
      }, 30 * 1000 + Math.floor(Math.random() * 5000));
    }
  });
})();
