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

  // What staff typed into fields marked data-keep-value (a doctor's notes), by id and by what the
  // field is for (data-keep-for, the token), so that a refresh for someone else's change keeps it.
  function typed(panel) {
    var values = {};
    if (!panel) return values;
    panel.querySelectorAll('[data-keep-value]').forEach(function (field) {
      if (field.id && field.value) {
        values[field.id] = { value: field.value, keepFor: field.getAttribute('data-keep-for'),
                             start: field.selectionStart, end: field.selectionEnd };
      }
    });
    return values;
  }

  function restore(panel, values) {
    Object.keys(values).forEach(function (id) {
      var field = panel.querySelector('#' + id + '[data-keep-value]');
      if (field && field.getAttribute('data-keep-for') === values[id].keepFor) {
        field.value = values[id].value;
        field.setSelectionRange(values[id].start, values[id].end);
      }
    });
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
        if (fresh && (!current || comparable(current) !== comparable(fresh))) {
          var kept = typed(current);
          region.replaceChildren(fresh);
          restore(fresh, kept);
        }
        if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      })
      .catch(function () {})
      .finally(function () {
        running = false;
        if (pending) { pending = false; refresh(); }
      });
  }

  // The first event after a reconnect fetches the panel again, with whatever changed meanwhile.
  window.dqms.follow(page.getAttribute('data-stream'), { queue: refresh }, function (open) {
    connection.textContent = open ? '' : page.getAttribute('data-t-offline') || '';
  });
})();
