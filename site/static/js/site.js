// Bình dân học vụ số: the little every page does with JavaScript (the page works without it).
// A file, not inline, so the Content-Security-Policy can allow our own scripts only.
(function () {
  "use strict";
  var script = document.currentScript;

  // The worker keeps opened lessons for reading offline.
  var worker = script && script.dataset.serviceWorker;
  if (worker && "serviceWorker" in navigator) {
    addEventListener("load", function () { navigator.serviceWorker.register(worker); });
  }

  // A lesson's "Share" button opens the phone's own share sheet (Zalo, Messenger…) where there is one.
  var share = document.getElementById("share-button");
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({title: share.dataset.title, url: share.dataset.url}).catch(function () {});
    });
  }
})();
