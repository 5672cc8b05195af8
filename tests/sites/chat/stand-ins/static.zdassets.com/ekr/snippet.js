/*
 * Local stand-in for Zendesk (the ze-snippet loader)'s widget script (tests only). It builds the DOM the
 * vendor documents (the loader only fetches the widget bundle) and loads nothing from any other host.
 */
(function () {
  // The loader fetches the real widget bundle, as Zendesk's does.
  var s = document.createElement("script");
  s.src = "/chat/stand-ins/static.zdassets.com/web_widget/messenger/latest/web-widget-main.js";
  s.async = true;
  document.head.appendChild(s);
  window.zE = window.zE || function () { (window.zE.q = window.zE.q || []).push(arguments); };
})();
