/* The point screen's "Group quiz" button: copy the point code and secret from the URL fragment (where the
   operator card's link keeps them; browsers never send a fragment) into the POST form as it is sent. */
(function () {
  "use strict";
  var form = document.getElementById("group-point-link");
  if (!form) return;
  form.addEventListener("submit", function () {
    var params = new URLSearchParams(location.hash.slice(1));
    form.elements.point.value = (params.get("diem") || "").trim().toUpperCase();
    form.elements.token.value = params.get("khoa") || "";
  });
})();
