/*
 * Local stand-in for Drift's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var queue = window.drift || [];
  var container = document.createElement("div");
  container.id = "drift-widget-container";
  container.innerHTML =
    '<iframe id="drift-frame-controller" title="Drift Widget Chat Controller" style="position:fixed;bottom:24px;' +
    'right:24px;width:76px;height:76px;border:0;border-radius:50%;background:#0176ff;z-index:2147483648"></iframe>' +
    '<iframe id="drift-frame-chat" title="Drift Widget Chat Window" style="display:none"></iframe>';
  document.body.appendChild(container);
  window.drift = { api: { openChat: function () {} }, load: function () {}, queued: queue.length };
  window.driftt = window.drift;
})();
