/*
 * Local stand-in for Olark's widget script (tests only). It builds the DOM the
 * vendor documents (a tab on the bottom edge) and loads nothing from any other host.
 */
(function () {
  var wrapper = document.createElement("div");
  wrapper.id = "olark-wrapper";
  wrapper.innerHTML = '<button class="olark-launch-button" aria-label="Chat now" style="position:fixed;bottom:0;' +
    'right:20px;width:200px;height:40px;border:0;border-radius:6px 6px 0 0;background:#3b5bdb;color:#fff;' +
    'z-index:9999">Chat with us</button>';
  document.body.appendChild(wrapper);
})();
