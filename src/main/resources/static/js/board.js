// The waiting room's screen. It follows one event stream for its departments; a new call (or a
// recall) chimes, is spoken in the board's language, and flashes for those who cannot hear. It runs
// for days: it keeps no history, opens its stream again whenever it is lost, and reloads once a night.
(function () {
  'use strict';

  var board = document.querySelector('[data-board]');
  if (!board) return;

  function text(name) { return board.getAttribute('data-t-' + name) || ''; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] !== undefined ? values[key] : all;
    });
  }

  var audio = null;
  var started = false;
  // The calls each department's screen shows now, by token, call time, recall count and room: a
  // patient called to a doctor who has since moved is announced again, with the new room.
  var shown = {};
  // When each call was announced: a call stays highlighted for a minute after it.
  var announcedAt = {};
  var FRESH_FOR = 60 * 1000;

  // "CARD-017" is read "C A R D 17": letters one by one, the number as a number.
  function spokenNumber(number) {
    var parts = number.split('-');
    var letters = parts[0].split('').join(' ');
    return parts.length > 1 ? letters + ' ' + parseInt(parts[1], 10) : letters;
  }

  function announcement(call) {
    var room = /^room\s+(.+)$/i.exec(call.room);
    var values = { number: spokenNumber(call.number), room: room ? room[1] : call.room };
    return fill(text(room || /^\d+\w?$/.test(call.room) ? 'announce' : 'announce-place'), values);
  }

  function chime() {
    if (!audio) return;
    [523, 659, 784].forEach(function (hz, i) {
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      var at = audio.currentTime + i * 0.3;
      tone.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.62);
    });
  }

  function speak(sentence) {
    if (!started || !window.speechSynthesis) return;
    var utterance = new SpeechSynthesisUtterance(sentence);
    utterance.lang = board.getAttribute('data-speech-lang');
    utterance.rate = 0.9;
    setTimeout(function () { window.speechSynthesis.speak(utterance); }, 1000);
  }

  function announce(call, item, key) {
    announcedAt[key] = Date.now();
    item.classList.add('fresh');
    item.classList.remove('flash');
    void item.offsetWidth; // restart the flash for a recall of the same token
    item.classList.add('flash');
    chime();
    speak(announcement(call));
    board.setAttribute('data-last-announcement', announcement(call));
  }

  function render(snapshot) {
    var section = board.querySelector('[data-department="' + snapshot.departmentId + '"]');
    if (!section) return;
    var calling = section.querySelector('[data-calling]');
    var before = shown[snapshot.departmentId] || {};
    var now = {};
    var fresh = [];
    calling.replaceChildren();
    snapshot.calling.forEach(function (call) {
      var key = call.tokenId + '|' + call.calledAt + '|' + call.recallCount + '|' + call.room;
      var item = document.createElement('li');
      item.setAttribute('data-key', key);
      var number = document.createElement('span');
      number.textContent = call.number;
      var room = document.createElement('span');
      room.textContent = call.room;
      item.append(number, room);
      calling.append(item);
      now[key] = true;
      if (announcedAt[key] && Date.now() - announcedAt[key] < FRESH_FOR) item.classList.add('fresh');
      if (!before[key] && call.status === 'CALLED') fresh.push([call, item, key]);
    });
    if (!snapshot.calling.length) {
      var none = document.createElement('li');
      none.className = 'empty';
      none.textContent = text('none');
      calling.append(none);
    }
    shown[snapshot.departmentId] = now;
    fresh.forEach(function (call) { announce(call[0], call[1], call[2]); });
    Object.keys(announcedAt).forEach(function (key) {
      if (Date.now() - announcedAt[key] > FRESH_FOR) delete announcedAt[key];
    });

    var upcoming = section.querySelector('[data-upcoming]');
    upcoming.replaceChildren();
    snapshot.upcoming.forEach(function (next) {
      var item = document.createElement('li');
      item.textContent = next.number;
      upcoming.append(item);
    });
    section.querySelector('[data-waiting]').textContent = fill(text('waiting'), { count: snapshot.waiting });
    section.querySelector('[data-closed]').hidden = snapshot.open;
  }

  // What the server rendered counts as shown: opening the board does not announce old calls.
  board.querySelectorAll('[data-department]').forEach(function (section) {
    var now = {};
    section.querySelectorAll('[data-calling] [data-key]').forEach(function (item) {
      now[item.getAttribute('data-key')] = true;
    });
    shown[section.getAttribute('data-department')] = now;
  });

  var connection = board.querySelector('[data-connection]');
  window.dqms.follow(board.getAttribute('data-stream'), {
    queue: function (event) { render(JSON.parse(event.data)); }
  }, function (open) {
    connection.textContent = open ? '' : text('offline');
  });

  var start = board.querySelector('[data-start]');
  start.addEventListener('click', function () {
    started = true;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context) {
      audio = new Context();
      audio.resume();
    }
    if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
    board.querySelector('[data-start-panel]').hidden = true;
  });

  // A fresh page once a day, at about 3 in the morning, frees whatever the browser holds on to:
  // this night's if it is an hour or more ahead (a board opened after midnight), else the next.
  var now = new Date();
  var night = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 3, Math.floor(Math.random() * 30));
  if (night - now < 60 * 60 * 1000) {
    night.setDate(night.getDate() + 1);
  }
  setTimeout(function () { window.location.reload(); }, night - now);
})();
