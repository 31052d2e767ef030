// "My token": follows the token's event stream and says where the patient stands; when called,
// shows the room, chimes and vibrates. Texts come translated in the page's data-t-* attributes.
(function () {
  'use strict';

  var page = document.querySelector('[data-token]');
  if (!page) return;

  function text(name) { return page.getAttribute('data-t-' + name) || ''; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] !== undefined ? values[key] : all;
    });
  }
  function one(selector) { return page.querySelector(selector); }
  function round1(n) { return Math.round(n * 10) / 10; }

  var audio = null;
  var lastCall = null;
  var ENDED = ['COMPLETED', 'NO_SHOW', 'CANCELLED', 'EXPIRED'];

  function chime() {
    if (!audio) return;
    [660, 880, 660].forEach(function (hz, i) {
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, audio.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.4, audio.currentTime + i * 0.35 + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.35 + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.35);
      tone.stop(audio.currentTime + i * 0.35 + 0.32);
    });
  }

  // Browsers allow sound only after a tap on the page.
  var enable = one('[data-enable-alerts]');
  if (enable) {
    enable.addEventListener('click', function () {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (Context) {
        audio = audio || new Context();
        audio.resume();
        chime();
      }
      enable.setAttribute('aria-pressed', 'true');
    });
  }

  function show(token) {
    one('[data-status]').textContent = text('status-' + token.status.toLowerCase());
    var waiting = token.status === 'WAITING' && token.position;
    one('[data-waiting-section]').hidden = !waiting;
    if (waiting) {
      one('[data-position]').textContent = token.position === 1
        ? text('next') : fill(text('position'), { position: token.position });
      if (token.likelyMinutes != null) {
        one('[data-estimate]').textContent = fill(text('estimate'), { likely: token.likelyMinutes, upper: token.upperMinutes });
        one('[data-explanation]').textContent = fill(text('explanation'), {
          ahead: token.ahead, doctors: round1(token.doctorsOnDuty), minutes: Math.round(token.minutesPerPatient)
        });
      } else {
        one('[data-estimate]').textContent = text('estimate-none');
        one('[data-explanation]').textContent = '';
      }
      one('[data-near]').hidden = token.ahead > 2;
    }
    var banner = one('[data-called]');
    var called = token.room && (token.status === 'CALLED' || token.status === 'IN_CONSULTATION');
    banner.hidden = !called;
    if (called) {
      banner.textContent = fill(text('called'), { room: token.room });
      var key = token.calledAt + '|' + token.room;
      if (token.status === 'CALLED' && key !== lastCall) {
        lastCall = key;
        chime();
        if (navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
      }
    }
    var cancel = document.querySelector('[data-cancel-form]');
    if (cancel) cancel.hidden = !(token.status === 'WAITING' || token.status === 'CALLED');
    if (token.status === 'TRANSFERRED' && token.nextLink) {
      window.location.assign('/t/' + token.nextLink);
    }
    return ENDED.indexOf(token.status) >= 0;
  }

  var connection = one('[data-connection]');
  var stream = window.dqms.follow(page.getAttribute('data-stream'), {
    token: function (event) {
      if (show(JSON.parse(event.data))) stream.close();
    }
  }, function (open) {
    connection.textContent = open ? '' : text('offline');
  });
})();
