/*
 * Local stand-in for HubSpot's tracking loader on a portal without chat (tests only):
 * it sets up page-view tracking and loads nothing else.
 */
(function () {
  window._hsq = window._hsq || [];
  window._hsq.push(["setPath", location.pathname]);
  window._hsq.push(["trackPageView"]);
})();
