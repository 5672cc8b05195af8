/*
 * Local stand-in for a self-hosted Chatwoot's widget script (tests only). It builds the DOM the
 * vendor documents, honouring chatwootSettings.position and loads nothing from any other host.
 */
(function () {
  window.chatwootSDK = {
    run: function () {
      var settings = window.chatwootSettings || {};
      var side = settings.position === "left" ? "left" : "right";
      var holder = document.createElement("div");
      holder.className = "woot-widget-holder woot--hide";
      holder.innerHTML = '<iframe id="chatwoot_live_chat_widget" title="Chatwoot" style="display:none"></iframe>';
      var bubble = document.createElement("button");
      bubble.className = "woot-widget-bubble woot-elements--" + side;
      bubble.setAttribute("aria-label", "Open chat window");
      bubble.style.cssText = "position:fixed;bottom:20px;" + side + ":20px;width:64px;height:64px;border:0;" +
        "border-radius:50%;background:#1f93ff;z-index:2147483000";
      document.body.appendChild(holder);
      document.body.appendChild(bubble);
      window.$chatwoot = { toggle: function () {} };
    },
  };
})();
