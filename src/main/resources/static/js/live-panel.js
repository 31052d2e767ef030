// Staff consoles: when a department the page follows changes, fetch the page's server-rendered
// panel again and put it in place. Several changes in a row make one fetch.
(function () {
  'use strict';

  var page = document.querySelector('[data-console]');
  if (!page) return;
  var region = page.querySelector('[data-panel-region]');
  var connection = page.querySelector('[data-connection]');
  var pending = false;
  var running = false;

  function comparable(element) {
    return element.outerHTML.replace(/name="_csrf" value="[^"]*"/g, '');
  }

  function refresh() {
    if (running) { pending = true; return; }
    running = true;
    fetch(page.getAttribute('data-panel'), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (response.redirected || response.status === 401 || response.status === 403) {
          window.location.reload();
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        // Keep keyboard focus where it was if the same control is still there.
        var focused = document.activeElement && document.activeElement.id;
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-panel-content]');
        var current = region.querySelector('[data-panel-content]');
        // Unchanged apart from the CSRF field's fresh mask: leave the page alone, mid-click too.
        if (fresh && (!current || comparable(current) !== comparable(fresh))) region.replaceChildren(fresh);
        if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      })
      .catch(function () {})
      .finally(function () {
        running = false;
        if (pending) { pending = false; refresh(); }
      });
  }

  var stream = new EventSource(page.getAttribute('data-stream'));
  stream.addEventListener('queue', function () {
    connection.textContent = '';
    refresh();
  });
  stream.addEventListener('error', function () {
    connection.textContent = page.getAttribute('data-t-offline') || '';
  });
})();
