/*
 * Local stand-in for HubSpot chat's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var container = document.createElement("div");
  container.id = "hubspot-messages-iframe-container";
  container.className = "widget-align-right";
  container.style.cssText = "position:fixed;bottom:0;right:0;width:100px;height:96px;z-index:2147483647";
  container.innerHTML = '<iframe id="hubspot-conversations-iframe" title="Chat Widget" style="position:absolute;' +
    'bottom:16px;right:16px;width:60px;height:60px;border:0;border-radius:50%;background:#425b76"></iframe>';
  document.body.appendChild(container);
  window.HubSpotConversations = { widget: { open: function () {}, load: function () {} } };
})();
