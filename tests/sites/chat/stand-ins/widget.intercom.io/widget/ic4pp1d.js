/*
 * Local stand-in for Intercom's widget script (tests only). It builds the DOM the
 * vendor documents, honouring intercomSettings.alignment and loads nothing from any other host.
 */
(function () {
  var settings = window.intercomSettings || {};
  var side = settings.alignment === "left" ? "left" : "right";
  var container = document.createElement("div");
  container.id = "intercom-container";
  var app = document.createElement("div");
  app.className = "intercom-lightweight-app";
  app.innerHTML =
    '<div class="intercom-lightweight-app-launcher intercom-launcher" role="button" tabindex="0" ' +
    'aria-label="Open Intercom Messenger" style="position:fixed;bottom:20px;' + side + ':20px;width:48px;' +
    'height:48px;border-radius:50%;background:#1f8ded;z-index:2147483003;cursor:pointer"></div>';
  document.body.appendChild(container);
  document.body.appendChild(app);
  var frame = document.createElement("iframe");
  frame.id = "intercom-frame";
  frame.style.cssText = "position:absolute;opacity:0;width:1px;height:1px;top:0;left:0;border:none;z-index:-1;pointer-events:none";
  document.body.appendChild(frame);
  window.Intercom = function (command) { if (command === "show") app.setAttribute("data-open", "true"); };
})();
