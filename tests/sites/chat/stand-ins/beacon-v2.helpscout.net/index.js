/*
 * Local stand-in for Help Scout Beacon's widget script (tests only). It builds the DOM the
 * vendor documents and loads nothing from any other host.
 */
(function () {
  var container = document.createElement("div");
  container.id = "beacon-container";
  container.innerHTML = '<div class="Beacon"><iframe class="BeaconFabButtonFrame" title="Help Scout Beacon - Open" ' +
    'style="position:fixed;bottom:40px;right:40px;width:60px;height:60px;border:0;border-radius:50%;' +
    'background:#1292ee;z-index:1050"></iframe></div>';
  document.body.appendChild(container);
})();
