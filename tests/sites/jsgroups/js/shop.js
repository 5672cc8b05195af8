// The shop's order desk, written in by the shop's own script on every product page.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("order-help");
  var user = "orders", host = "velo-werk.de";
  box.innerHTML = "<p>Questions about an order? <a href='mailto:" + user + "@" + host + "'>" + user + "@" + host + "</a></p>";
});
