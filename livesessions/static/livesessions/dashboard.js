/* Live figures for the staff dashboard: `totals` and `points` messages replace what the server rendered.
   Reconnects by itself with backoff; the server sends the full state on every (re)connect. */
(function () {
  "use strict";
  var root = document.getElementById("dashboard");
  var T = JSON.parse(document.getElementById("dashboard-text").textContent);
  var stateEl = document.getElementById("live-state");
  var attempt = 0, tick = null;

  function fmt(text, values) { return text.replace(/%\((\w+)\)s/g, function (_m, k) { return values[k]; }); }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function say(text, kind) { stateEl.textContent = text; stateEl.className = "live-state live-state-" + kind; }

  function totals(msg) {
    ["points_online", "points_total", "headcount", "checkins"].forEach(function (field) {
      root.querySelectorAll('[data-field="' + field + '"]').forEach(function (node) { node.textContent = msg[field]; });
    });
    var body = document.getElementById("by-commune");
    body.textContent = "";
    if (!msg.by_commune.length) { var tr0 = el("tr"); var td = el("td", T.no_points); td.colSpan = 4; tr0.appendChild(td); body.appendChild(tr0); }
    msg.by_commune.forEach(function (row) {
      var tr = el("tr"), th = el("th", row.commune); th.scope = "row"; tr.appendChild(th);
      tr.appendChild(el("td", row.points_online + " / " + row.points_total));
      tr.appendChild(el("td", String(row.headcount)));
      tr.appendChild(el("td", String(row.checkins)));
      body.appendChild(tr);
    });
    say(fmt(T.live, {time: new Date(msg.at).toLocaleTimeString("vi-VN")}), "ok");
  }

  function points(msg) {
    var list = document.getElementById("dropped");
    list.textContent = "";
    if (!msg.dropped.length) list.appendChild(el("li", T.none, "empty"));
    msg.dropped.forEach(function (p) {
      var li = el("li"); li.appendChild(el("strong", p.code));
      li.appendChild(document.createTextNode(" — " + p.name + " (" + p.commune + ")"));
      li.appendChild(el("br"));
      if (p.operator_phone) {
        var a = el("a", T.call + " " + p.operator_name + " " + p.operator_phone, "button");
        a.href = "tel:" + p.operator_phone; li.appendChild(a);
      } else { li.appendChild(document.createTextNode(p.operator_name)); }
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", fmt(T.last_headcount, {count: p.last_headcount}), "help"));
      list.appendChild(li);
    });
    var never = document.getElementById("never");
    never.textContent = "";
    msg.never_connected.forEach(function (p) { never.appendChild(el("li", p.code + " — " + p.name + " (" + p.commune + ")")); });
    document.getElementById("never-count").textContent = msg.never_connected_count;
    document.getElementById("dropped-count").textContent = msg.dropped_count;
  }

  function connect() {
    clearInterval(tick);
    say(T.connecting, "wait");
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var ws = new WebSocket(scheme + location.host + root.dataset.socketPath);
    ws.onopen = function () { attempt = 0; };
    ws.onmessage = function (event) {
      var msg; try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.type === "totals") totals(msg); else if (msg.type === "points") points(msg);
    };
    ws.onclose = function () {
      var left = Math.ceil(Math.min(30, Math.pow(2, attempt)) * (0.5 + Math.random() * 0.5));
      attempt += 1;
      var show = function () { say(fmt(T.retry, {seconds: left}), "bad"); };
      show();
      tick = setInterval(function () { left = Math.max(0, left - 1); show(); if (!left) { clearInterval(tick); connect(); } }, 1000);
    };
  }
  connect();
})();
