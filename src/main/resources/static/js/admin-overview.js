// dqms admin: keeps the overview of all queues current. The page arrives rendered; one event
// stream over all its departments then replaces each card's figures as `queue` events arrive, and a
// timer moves the longest waits on between events.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var main = document.querySelector('[data-overview]');
    if (!main) return;
    var ids = main.getAttribute('data-live-ids');
    var state = main.querySelector('[data-live-state]');

    function text(name) {
      return main.getAttribute('data-text-' + name) || '';
    }

    function format(template, value) {
      return template.replace('{0}', String(value));
    }

    function card(departmentId) {
      return main.querySelector('[data-department="' + departmentId + '"]');
    }

    // Only touch the text when it changes, so that aria-live regions announce real changes only.
    function setText(element, value) {
      if (element && element.textContent !== value) element.textContent = value;
    }

    function showLongest(element) {
      var since = element.getAttribute('data-since');
      if (!since) {
        setText(element, '–');
        return;
      }
      var minutes = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 60000));
      setText(element, format(text('minutes'), minutes));
    }

    function callingItem(calling) {
      var item = document.createElement('li');
      var number = document.createElement('strong');
      number.textContent = calling.number;
      item.appendChild(number);
      [format(text('room'), calling.room), calling.doctorName || ''].forEach(function (part) {
        item.appendChild(document.createTextNode(' '));
        var span = document.createElement('span');
        span.textContent = part;
        item.appendChild(span);
      });
      item.appendChild(document.createTextNode(' '));
      var status = document.createElement('span');
      status.className = 'badge';
      status.textContent = calling.status === 'IN_CONSULTATION' ? text('consultation') : text('called');
      item.appendChild(status);
      return item;
    }

    function show(board) {
      var element = card(board.departmentId);
      if (!element) return;
      var open = element.querySelector('[data-open]');
      setText(open, board.open ? text('open') : text('closed'));
      open.classList.toggle('is-open', board.open);
      open.classList.toggle('is-closed', !board.open);
      setText(element.querySelector('[data-waiting]'), String(board.waiting));
      var longest = element.querySelector('[data-longest]');
      if (board.oldestJoinedAt) {
        longest.setAttribute('data-since', board.oldestJoinedAt);
      } else {
        longest.removeAttribute('data-since');
      }
      showLongest(longest);
      var list = element.querySelector('[data-calling]');
      var items = board.calling.length
        ? board.calling.map(callingItem)
        : [(function () {
            var none = document.createElement('li');
            none.className = 'hint';
            none.textContent = text('none');
            return none;
          })()];
      var before = Array.prototype.map.call(list.children, function (li) { return li.textContent; }).join('|');
      var after = items.map(function (li) { return li.textContent; }).join('|');
      if (before !== after) list.replaceChildren.apply(list, items);
    }

    setInterval(function () {
      main.querySelectorAll('[data-longest]').forEach(showLongest);
    }, 30000);

    if (!ids || !window.EventSource) return;
    // The first events after a reconnect bring every board again.
    window.dqms.follow('/api/v1/live/departments?ids=' + encodeURIComponent(ids), {
      queue: function (event) {
        try {
          show(JSON.parse(event.data));
        } catch (e) {
          // A malformed event changes nothing; the next one brings the whole board again.
        }
      }
    }, function (open) {
      setText(state, open ? text('live') : text('offline'));
    });
  });
})();
