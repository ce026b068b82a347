/* The hall screen: − and + beside each box of hands, so the operator can count along with a mouse or a
   finger. The boxes work alone without this script. */
(function () {
  "use strict";
  document.querySelectorAll(".hall-hands input[type=number]").forEach(function (input) {
    var max = parseInt(input.max, 10);
    function step(by) {
      var value = Math.max(0, (parseInt(input.value, 10) || 0) + by);
      input.value = isNaN(max) ? value : Math.min(max, value);
    }
    function button(text, label, by) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "button hall-step"; b.textContent = text;
      b.setAttribute("aria-label", label + " " + (input.labels[0] ? input.labels[0].textContent.trim() : ""));
      b.addEventListener("click", function () { step(by); });
      return b;
    }
    var box = input.parentNode;
    box.insertBefore(button("−", box.dataset.less || "−1", -1), input);
    box.appendChild(button("+", box.dataset.more || "+1", 1));
  });
})();
