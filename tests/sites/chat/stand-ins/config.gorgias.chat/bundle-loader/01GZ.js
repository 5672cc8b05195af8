/*
 * Local stand-in for Gorgias's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var container = document.createElement("div");
  container.id = "gorgias-chat-container";
  container.innerHTML = '<iframe id="chat-button" title="Gorgias live chat messenger" style="position:fixed;' +
    'bottom:20px;right:20px;width:64px;height:64px;border:0;border-radius:50%;background:#161616;z-index:2147483000"></iframe>';
  document.body.appendChild(container);
  window.GorgiasChat = { open: function () {}, init: function () { return Promise.resolve(); } };
})();
