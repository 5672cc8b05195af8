/*
 * Local stand-in for LiveChat's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var container = document.createElement("div");
  container.id = "chat-widget-container";
  container.style.cssText = "position:fixed;bottom:0;right:0;width:84px;height:84px;z-index:2147483639";
  container.innerHTML =
    '<iframe id="chat-widget-minimized" title="LiveChat chat widget" style="position:absolute;bottom:16px;right:16px;' +
    'width:60px;height:60px;border:0;border-radius:50%;background:#fe5000"></iframe>' +
    '<iframe id="chat-widget" title="LiveChat chat widget" style="display:none"></iframe>';
  document.body.appendChild(container);
  window.LiveChatWidget = { call: function () {}, on: function () {} };
})();
