// A hash-routed single-page app: every route is drawn by this script into #root.
(function () {
  var at = "@", host = "nimbus-repairs.co.uk";
  var routes = {
    "/": "<h1>Nimbus Repairs</h1><p>Phone and laptop repairs while you wait.</p>",
    "/faq": "<h1>Questions</h1><p>Warranty questions: warranty" + at + host + "</p>",
    "/contact": "<h1>Contact us</h1><p>Write to hello" + at + host + "</p>",
  };
  function draw() {
    var path = location.hash.replace(/^#!?/, "") || "/";
    var nav = "<header><nav><a href='#/'>Home</a> <a href='#/faq'>FAQ</a> <a href='#!/contact'>Contact</a></nav></header>";
    document.getElementById("root").innerHTML = nav + "<main>" + (routes[path] || "<h1>Not found</h1>") + "</main>";
  }
  window.addEventListener("hashchange", draw);
  draw();
})();
