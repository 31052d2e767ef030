// dqms: the Print buttons of the walk-in ticket and the department poster. The CSP forbids inline
// handlers, so the button only carries data-print.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () {
        window.print();
      });
    });
  });
})();
