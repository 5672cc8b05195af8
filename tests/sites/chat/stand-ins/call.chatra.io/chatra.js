/*
 * Local stand-in for Chatra's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var chatra = document.createElement("div");
  chatra.id = "chatra";
  chatra.className = "chatra--expanded-false";
  chatra.style.cssText = "position:fixed;bottom:20px;right:20px;width:62px;height:62px;z-index:2147483000";
  chatra.innerHTML = '<div id="chatra__iframe-wrapper" style="width:100%;height:100%;border-radius:50%;' +
    'background:#00a6ff"></div>';
  document.body.appendChild(chatra);
})();
