// dqms reception desk: the queue follows the department live. The department's public stream only
// tells that the queue changed (it carries numbers, never names); the desk then fetches its queue
// again as server-rendered HTML, with the staff session, and swaps it in.
(function () {
  'use strict';

  var RETRY_WHILE_BUSY_MS = 3000;

  document.addEventListener('DOMContentLoaded', function () {
    var region = document.querySelector('[data-live-queue]');
    if (!region || !window.EventSource) return;
    var fragment = region.getAttribute('data-fragment');
    var loading = false;
    var again = false;
    var waiting = null;

    // Somebody typing a cancel reason keeps the table as it is until they are done: swapping it
    // would close their form and lose what they typed.
    function busy() {
      return region.querySelector('details[open]') !== null;
    }

    function refresh() {
      if (loading) {
        again = true;
        return;
      }
      if (busy()) {
        if (waiting === null) {
          waiting = setTimeout(function () {
            waiting = null;
            refresh();
          }, RETRY_WHILE_BUSY_MS);
        }
        return;
      }
      loading = true;
      fetch(fragment, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (response) {
          // The session ran out: the page itself goes to sign-in and comes back here.
          if (response.redirected || response.status === 401) {
            window.location.reload();
            return null;
          }
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html) region.innerHTML = html;
        })
        .catch(function () {
          // Offline for a moment: the next event brings the queue up to date.
        })
        .then(function () {
          loading = false;
          if (again) {
            again = false;
            refresh();
          }
        });
    }

    // The first event after a reconnect fetches the queue again, with whatever changed meanwhile.
    var connection = document.querySelector('[data-connection]');
    window.dqms.follow(region.getAttribute('data-stream'), { queue: refresh }, function (open) {
      connection.textContent = open ? '' : connection.getAttribute('data-t-offline');
    });
  });
})();
