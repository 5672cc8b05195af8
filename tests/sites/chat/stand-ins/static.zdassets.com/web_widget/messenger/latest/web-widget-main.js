/*
 * Local stand-in for Zendesk Messaging's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var launcher = document.createElement("iframe");
  launcher.title = "Button to launch messaging window";
  launcher.style.cssText = "position:fixed;bottom:14px;right:14px;width:64px;height:64px;border:0;border-radius:50%;" +
    "background:#17494d;color-scheme:normal;z-index:999998";
  var panel = document.createElement("iframe");
  panel.title = "Messaging window";
  panel.style.cssText = "position:fixed;bottom:90px;right:14px;width:374px;height:600px;border:0;visibility:hidden;z-index:999999";
  document.body.appendChild(launcher);
  document.body.appendChild(panel);
  window.zE = function (widget, command) { if (widget === "messenger" && command === "open") panel.style.visibility = "visible"; };
})();
