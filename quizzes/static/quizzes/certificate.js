// "Print the certificate": the button stays hidden until this runs, so without JavaScript nobody meets a
// button that does nothing (the browser's own Print still works, and the print stylesheet applies to it).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
