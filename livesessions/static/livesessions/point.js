/* The operator's point page: hello with the code and secret from the URL fragment, then heartbeats.
   The secret never leaves the fragment (browsers do not send it) except inside the socket's hello.
   Unacknowledged heartbeats are kept (at most MAX_UNACKED, oldest dropped) and resent after reconnecting;
   seq starts from the clock so it keeps growing across reloads. */
(function () {
  "use strict";
  var MAX_UNACKED = 50, BACKOFF_CAP = 30;
  var root = document.getElementById("point");
  var T = JSON.parse(document.getElementById("point-text").textContent);
  var params = new URLSearchParams(location.hash.slice(1));
  var code = (params.get("diem") || "").trim().toUpperCase(), token = params.get("khoa") || "";
  if (!code || !token) { document.getElementById("no-token").hidden = false; return; }
  root.hidden = false;

  var stateEl = document.getElementById("state"), ackEl = document.getElementById("last-ack");
  var input = document.getElementById("headcount");
  document.getElementById("point-name").textContent = T.point.replace("%(code)s", code);
  var key = "bdhvs-live-" + root.dataset.session + "-" + code;
  var headcount = clamp(parseInt(localStorage.getItem(key + "-count") || "0", 10));
  var seq = Math.max(Date.now(), parseInt(localStorage.getItem(key + "-seq") || "0", 10) + 1);
  var unacked = new Map();  // seq → head count, oldest first
  var ws = null, welcomed = false, stopped = false, attempt = 0, beatTimer = null, retryTimer = null, tick = null;
  input.value = headcount;

  function clamp(n) { return isNaN(n) ? 0 : Math.max(0, Math.min(5000, n)); }
  function say(text, kind) { stateEl.textContent = text; stateEl.className = "live-state live-state-" + (kind || "wait"); }
  function fmt(text, values) { return text.replace(/%\((\w+)\)s/g, function (_m, k) { return values[k]; }); }

  function heartbeat() {
    seq = Math.max(seq + 1, Date.now());
    localStorage.setItem(key + "-seq", String(seq));
    unacked.set(seq, headcount);
    while (unacked.size > MAX_UNACKED) unacked.delete(unacked.keys().next().value);
    send(seq, headcount);
  }
  function send(s, count) {
    if (ws && welcomed && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({type: "heartbeat", seq: s, headcount: count}));
  }
  function setCount(n) {
    headcount = clamp(n);
    input.value = headcount;
    localStorage.setItem(key + "-count", String(headcount));
    heartbeat();
  }

  function connect() {
    clearTimeout(retryTimer); clearInterval(tick);
    if (stopped) return;
    say(T.connecting);
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + location.host + root.dataset.socketPath);
    ws.onopen = function () { ws.send(JSON.stringify({type: "hello", point: code, token: token})); };
    ws.onmessage = function (event) {
      var msg; try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.type === "welcome") {
        welcomed = true; attempt = 0;
        say(T.connected, "ok");
        Array.from(unacked.keys()).sort(function (a, b) { return a - b; }).forEach(function (s) { send(s, unacked.get(s)); });
        heartbeat();
        clearInterval(beatTimer);
        beatTimer = setInterval(heartbeat, Math.max(1, msg.heartbeat_interval) * 1000);
      } else if (msg.type === "ack") {
        var count = unacked.get(msg.seq);
        unacked.delete(msg.seq);
        var now = new Date();
        ackEl.textContent = fmt(T.last_ack, {
          time: now.toLocaleTimeString("vi-VN", {hour: "2-digit", minute: "2-digit", second: "2-digit"}),
          count: count === undefined ? headcount : count
        });
      }
    };
    ws.onclose = function (event) {
      welcomed = false; clearInterval(beatTimer);
      var closeCode = event.code;
      if (closeCode === 4401 || closeCode === 4404) { stopped = true; say(T["c" + closeCode], "bad"); return; }
      var delay = Math.min(BACKOFF_CAP, Math.pow(2, attempt)) * (0.5 + Math.random() * 0.5);
      if (closeCode === 4409) delay = BACKOFF_CAP;  // the class may open soon: look again now and then
      attempt += 1;
      var left = Math.ceil(delay);
      var why = T["c" + closeCode] ? T["c" + closeCode] + " " : "";
      var show = function () { say(why + fmt(T.retry, {seconds: left}), "bad"); };
      if (!navigator.onLine) { say(T.offline, "bad"); return; }  // "online" below reconnects at once
      show();
      tick = setInterval(function () { left = Math.max(0, left - 1); show(); }, 1000);
      retryTimer = setTimeout(connect, delay * 1000);
    };
  }

  document.querySelectorAll(".live-step").forEach(function (button) {
    button.addEventListener("click", function () { setCount(headcount + parseInt(button.dataset.step, 10)); });
  });
  input.addEventListener("change", function () { setCount(parseInt(input.value, 10)); });
  document.getElementById("counter").addEventListener("submit", function (event) {
    event.preventDefault(); setCount(parseInt(input.value, 10));
  });
  window.addEventListener("online", function () { if (!stopped && (!ws || ws.readyState === WebSocket.CLOSED)) connect(); });
  window.addEventListener("hashchange", function () { location.reload(); });
  connect();
})();
