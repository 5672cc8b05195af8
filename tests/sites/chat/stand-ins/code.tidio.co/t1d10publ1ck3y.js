/*
 * Local stand-in for Tidio's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var holder = document.createElement("div");
  holder.id = "tidio-chat";
  holder.innerHTML = '<iframe id="tidio-chat-iframe" title="Tidio Chat" style="position:fixed;bottom:0;right:0;' +
    'width:94px;height:94px;border:0;background:transparent;z-index:999999999"></iframe>';
  document.body.appendChild(holder);
  window.tidioChatApi = { open: function () {}, on: function () {} };
  document.dispatchEvent(new Event("tidioChat-ready"));
})();
