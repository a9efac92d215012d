// StreamWatch status page: live updates over server-sent events. The server renders every
// fragment (HTML-encoded); this script only swaps them in, so wording lives in one place.
// No inline script or style anywhere, so a strict Content-Security-Policy holds.
(function () {
  'use strict';
  var streams = document.getElementById('streams');
  var incidents = document.getElementById('incidents');
  var updated = document.getElementById('updated');
  var connection = document.getElementById('connection');
  var announcer = document.getElementById('announcer');
  if (!streams || !incidents || !window.EventSource) {
    return;
  }

  function setUpdated(data) {
    updated.textContent = data.updated;
    updated.setAttribute('datetime', data.updatedIso);
  }

  function setLive(live) {
    connection.textContent = live ? 'Live' : 'Reconnecting…';
    connection.className = live ? 'conn conn-live' : 'conn conn-lost';
    document.body.setAttribute('data-live', live ? 'true' : 'false');
  }

  function read(event) {
    try {
      return JSON.parse(event.data);
    } catch (e) {
      return null;
    }
  }

  // EventSource reconnects by itself (after the server's retry: delay) and the server then sends a
  // fresh snapshot, so a gateway restart needs nothing more here.
  var source = new EventSource('/status/events');
  source.addEventListener('snapshot', function (event) {
    var data = read(event);
    if (!data) { return; }
    streams.innerHTML = data.streamsHtml;
    incidents.innerHTML = data.incidentsHtml;
    setUpdated(data);
    setLive(data.live);
  });
  source.addEventListener('card', function (event) {
    var data = read(event);
    if (!data) { return; }
    var card = document.getElementById('stream-' + data.id);
    if (card) {
      card.outerHTML = data.html;
    } else {
      var empty = streams.querySelector('.card-empty');
      if (empty) { empty.remove(); }
      streams.insertAdjacentHTML('beforeend', data.html);
    }
    incidents.innerHTML = data.incidentsHtml;
    setUpdated(data);
    setLive(true);
    announcer.textContent = data.announce;
  });
  source.addEventListener('connection', function (event) {
    var data = read(event);
    if (data) { setLive(data.live); }
  });
  source.addEventListener('error', function () {
    setLive(false);
  });
})();
