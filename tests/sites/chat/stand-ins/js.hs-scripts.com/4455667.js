/*
 * Local stand-in for HubSpot's tracking loader's widget script (tests only). It builds the DOM the
 * vendor documents (nothing: it only fetches the chat bundle, as HubSpot's does when chat is on) and loads nothing from any other host.
 */
(function () {
  // The tracking code loads the chat bundle only when chat is switched on.
  var s = document.createElement("script");
  s.src = "/chat/stand-ins/js.usemessages.com/conversations-embed.js";
  s.async = true;
  document.head.appendChild(s);
})();
