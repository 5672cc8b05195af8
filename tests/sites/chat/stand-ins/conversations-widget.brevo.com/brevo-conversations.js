/*
 * Local stand-in for Brevo Conversations's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var root = document.createElement("div");
  root.id = "brevo-conversations";
  root.className = "brevo-conversations--expanded-false";
  root.style.cssText = "position:fixed;bottom:20px;right:20px;width:60px;height:60px;border-radius:50%;" +
    "background:#0b996e;z-index:9999";
  root.setAttribute("role", "button");
  document.body.appendChild(root);
})();
