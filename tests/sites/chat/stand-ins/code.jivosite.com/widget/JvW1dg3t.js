/*
 * Local stand-in for JivoChat's widget script (tests only). It builds the DOM the
 * vendor documents (custom jdiv elements) and loads nothing from any other host.
 */
(function () {
  var root = document.createElement("jdiv");
  root.innerHTML =
    '<jdiv class="__jivoDesktopButton" style="display:block;position:fixed;bottom:24px;right:24px;width:60px;' +
    'height:60px;border-radius:50%;background:#1ec94c;z-index:2147483648"></jdiv>';
  document.body.appendChild(root);
  window.jivo_api = { open: function () {} };
})();
