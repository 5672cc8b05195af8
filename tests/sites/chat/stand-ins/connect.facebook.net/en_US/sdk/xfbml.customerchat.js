/*
 * Local stand-in for the Facebook SDK with the Customer Chat plugin's widget script (tests only). It builds the DOM the
 * vendor documents after the plugin's retirement: nothing at all and loads nothing from any other host.
 */
(function () {
  // Since Meta retired the Chat Plugin (May 2024) the SDK draws nothing for it.
  window.FB = { init: function () {}, XFBML: { parse: function () {} } };
  if (window.fbAsyncInit) window.fbAsyncInit();
})();
