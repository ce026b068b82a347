/* The operator card's target: read the point code from the fragment, find the class that is on now and
   go to its point page, carrying the fragment (with the secret) along. The secret is never sent here. */
(function () {
  "use strict";
  var T = JSON.parse(document.getElementById("chooser-text").textContent);
  var box = document.getElementById("chooser"), status = document.getElementById("chooser-status");
  var list = document.getElementById("chooser-list");
  var params = new URLSearchParams(location.hash.slice(1));
  var code = (params.get("diem") || "").trim().toUpperCase();
  if (!code || !params.get("khoa")) { status.textContent = T.no_fragment; return; }
  function item(session, link) {
    var li = document.createElement("li");
    if (link) {
      var a = document.createElement("a");
      a.className = "button button-block"; a.href = session.url + location.hash; a.textContent = session.title;
      li.appendChild(a);
    } else {
      var strong = document.createElement("strong"); strong.textContent = session.title;
      li.appendChild(strong); li.appendChild(document.createElement("br"));
      li.appendChild(document.createTextNode(session.when));
    }
    list.appendChild(li);
  }
  fetch(box.dataset.sessionsUrl.replace("CODE", encodeURIComponent(code)), {credentials: "omit"})
    .then(function (response) {
      if (response.status === 404) { status.textContent = T.unknown; return null; }
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      if (!data) return;
      if (data.open.length === 1) { status.textContent = T.going; location.replace(data.open[0].url + location.hash); return; }
      if (data.open.length > 1) { status.textContent = T.several; data.open.forEach(function (s) { item(s, true); }); return; }
      status.textContent = T.none_open + (data.upcoming.length ? " " + T.upcoming : "");
      data.upcoming.forEach(function (s) { item(s, false); });
    })
    .catch(function () { status.textContent = T.error; });
})();
