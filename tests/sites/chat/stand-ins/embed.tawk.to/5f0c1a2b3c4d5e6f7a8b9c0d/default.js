/*
 * Local stand-in for Tawk.to's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  // Like the real script, it does not check whether it already ran: a snippet pasted
  // twice draws two widgets.
  var root = document.createElement("div");
  root.className = "widget-visible";
  root.innerHTML =
    '<iframe src="about:blank" title="chat widget" style="position:fixed;bottom:20px;right:16px;width:64px;' +
    'height:60px;border:0;border-radius:50%;background:#03a84e;z-index:1000001"></iframe>' +
    '<iframe src="about:blank" title="chat widget" style="display:none;position:fixed;bottom:90px;right:16px;' +
    'width:350px;height:520px;z-index:1000002"></iframe>';
  document.body.appendChild(root);
  window.Tawk_API = window.Tawk_API || {};
  window.Tawk_API.maximize = function () {};
})();
