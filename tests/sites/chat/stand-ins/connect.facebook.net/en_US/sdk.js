/*
 * Local stand-in for the plain Facebook SDK (like buttons, not chat)'s widget script (tests only). It builds the DOM the
 * vendor documents for like buttons, which is no chat and loads nothing from any other host.
 */
(function () {
  window.FB = { init: function () {}, XFBML: { parse: function () {} } };
  if (window.fbAsyncInit) window.fbAsyncInit();
})();
