// dqms admin: the new staff account form shows departments only for reception and the doctor only
// for a doctor's account. Without this script both stay visible, each with its hint.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-staff-form]');
    if (!form) return;

    function chosenRole() {
      var checked = form.querySelector('input[name="role"]:checked');
      return checked ? checked.value : null;
    }

    function update() {
      var role = chosenRole();
      form.querySelectorAll('[data-for-role]').forEach(function (part) {
        part.hidden = role !== null && part.getAttribute('data-for-role') !== role;
      });
    }

    form.querySelectorAll('input[name="role"]').forEach(function (radio) {
      radio.addEventListener('change', update);
    });
    update();
  });
})();
