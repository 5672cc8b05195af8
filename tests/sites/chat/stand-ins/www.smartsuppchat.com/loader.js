/*
 * Local stand-in for Smartsupp's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var container = document.createElement("div");
  container.id = "smartsupp-widget-container";
  container.innerHTML = '<div id="chat-application" style="position:fixed;bottom:24px;right:24px;width:64px;' +
    'height:64px;border-radius:50%;background:#e6007e;z-index:10000000"></div>';
  document.body.appendChild(container);
  var queued = window.smartsupp && window.smartsupp._ ? window.smartsupp._ : [];
  window.smartsupp = function () { queued.push(arguments); };
})();
