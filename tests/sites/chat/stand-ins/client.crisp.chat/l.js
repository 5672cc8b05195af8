/*
 * Local stand-in for Crisp's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var box = document.createElement("div");
  box.className = "crisp-client";
  box.innerHTML =
    '<div id="crisp-chatbox"><a class="cc-launcher" role="button" aria-label="Open chat" href="#" ' +
    'style="position:fixed;bottom:20px;right:24px;width:60px;height:60px;border-radius:50%;background:#1972f5;' +
    'z-index:1000000"></a></div>';
  document.body.appendChild(box);
  var queue = window.$crisp || [];
  window.$crisp = { push: function (command) { queue.push(command); }, is: function () { return false; } };
})();
