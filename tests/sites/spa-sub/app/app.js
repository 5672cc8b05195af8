// A history-routed app served under a sub-path: `<base href="/spa-sub/app/">` makes its
// relative links (`faq`, `about/hours`) mean the app's routes from any route, however deep.
// The address is put together here, so only the rendered contact route shows it.
(function () {
  var base = new URL(document.baseURI).pathname; // "/spa-sub/app/"
  var address = ["appointments", ["praxis-lindenhof", "de"].join(".")].join("@");

  var routes = {
    "": { title: "Lindenhof Practice", body: "<h1>Lindenhof Practice</h1><p>Family medicine since 1987.</p>" },
    faq: {
      title: "Questions · Lindenhof Practice",
      body: "<h1>Questions</h1><p>Bring your insurance card to every visit. See our <a href='about/hours'>hours</a>.</p>",
    },
    "about/hours": {
      title: "Opening hours · Lindenhof Practice",
      body: "<h1>Opening hours</h1><p>Monday to Friday, 8:00 to 18:00. <a href='contact'>Book a visit</a>.</p>",
    },
    contact: {
      title: "Contact · Lindenhof Practice",
      body: "<h1>Contact</h1><p>Book a visit: <a href='mai" + "lto:" + address + "'>" + address + "</a></p>",
    },
  };
  var notFound = { title: "Not found · Lindenhof Practice", body: "<h1>Page not found</h1>" };

  function draw() {
    var path = location.pathname;
    var key = path.indexOf(base) === 0 ? path.slice(base.length).replace(/\/+$/, "") : null;
    var view = (key !== null && routes[key]) || notFound;
    document.title = view.title;
    document.getElementById("view").innerHTML = view.body;
  }

  document.getElementById("root").innerHTML =
    "<header><nav><a href='./'>Home</a> <a href='faq'>FAQ</a> <a href='about/hours'>Hours</a> " +
    "<a href='contact'>Contact</a></nav></header><main id='view'></main>" +
    "<footer>Lindenhof Practice · Lindenallee 4</footer>";

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    var url = new URL(link.getAttribute("href"), document.baseURI);
    if (url.origin !== location.origin || url.pathname.indexOf(base) !== 0) return;
    event.preventDefault();
    history.pushState({}, "", url.pathname);
    draw();
  });
  window.addEventListener("popstate", draw);
  draw();
})();
