/*
 * Local stand-in for Freshchat's widget script (tests only). It builds the DOM the
 * vendor documents (once fcWidget.init is called) and loads nothing from any other host.
 */
(function () {
  window.fcWidget = {
    init: function () {
      var build = function () {
        var frame = document.createElement("div");
        frame.id = "fc_frame";
        frame.style.cssText = "position:fixed;bottom:15px;right:15px;width:65px;height:65px;z-index:2147483000";
        frame.innerHTML = '<iframe id="fc_widget" title="Chat" style="width:100%;height:100%;border:0;' +
          'border-radius:34px;background:#0070d2"></iframe>';
        document.body.appendChild(frame);
      };
      if (document.body) build(); else document.addEventListener("DOMContentLoaded", build);
    },
    open: function () {},
  };
})();
