// A history-routed single-page app: one bundle draws every route into #root; links to
// the app's routes are taken over with pushState, and the server answers every route
// with the same index.html. Contacts are put together here from pieces, so neither the
// HTML nor this file holds one as written: only the rendered route shows it.
(function () {
  var BASE = "/spa-history";
  var at = "@";
  var host = ["fernhill-tea", "co", "uk"].join(".");

  function email(user) {
    var address = user + at + host;
    return "<a href='" + "mai" + "lto:" + address + "'>" + address + "</a>";
  }

  function phone(parts) {
    return "<a href='tel:" + parts.join("") + "'>" + parts.join(" ") + "</a>";
  }

  // The chat vendor's loader runs only on the route that offers the chat (a local stand-in).
  function loadChat() {
    if (window.$crisp) return;
    window.$crisp = [];
    window.CRISP_WEBSITE_ID = "6b1f0e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    var script = document.createElement("script");
    script.src = "/chat/stand-ins/" + ["client", "crisp", "chat"].join(".") + "/l.js";
    script.async = true;
    document.head.appendChild(script);
  }

  var routes = {
    "/": {
      title: "Fernhill Tea Rooms",
      body:
        "<h1>Fernhill Tea Rooms</h1><p>Loose-leaf teas and cakes baked every morning.</p>" +
        "<p>Planning a party? <a href='" + BASE + "/contact/'>Get in touch</a>.</p>",
    },
    "/faq": {
      title: "Questions · Fernhill Tea Rooms",
      body:
        "<h1>Questions</h1><p>Do you sell wholesale? Yes: write to " + email("wholesale") + ".</p>" +
        "<p>Still stuck? Ask us in the chat.</p>",
      enter: loadChat,
    },
    "/privacy": {
      title: "Privacy · Fernhill Tea Rooms",
      body: "<h1>Privacy</h1><p>Our data protection officer answers at " + email("privacy") + ".</p>",
    },
    "/contact": {
      title: "Contact · Fernhill Tea Rooms",
      body:
        "<h1>Contact us</h1><p>Call " + phone(["+44", "20", "7946", "0321"]) + " or write to " +
        email("hello") + ".</p><p><a href='https://wa.me/" + ["44", "7700", "900461"].join("") +
        "'>Message us on WhatsApp</a></p>",
    },
    "/support": {
      title: "Support · Fernhill Tea Rooms",
      body: "<h1>Support</h1><p>Problems with an online order: " + email("orders-help") + ".</p>",
    },
  };
  var notFound = {
    title: "Page not found · Fernhill Tea Rooms",
    body: "<h1>Page not found</h1><p>Sorry, there is no such page. <a href='" + BASE + "/'>Back home</a></p>",
  };

  function route() {
    return location.pathname.slice(BASE.length).replace(/\/+$/, "") || "/";
  }

  function draw() {
    var view = routes[route()] || notFound;
    document.title = view.title;
    document.getElementById("view").innerHTML = view.body;
    if (view.enter) view.enter();
  }

  function navigate(path) {
    history.pushState({}, "", path);
    draw();
    window.scrollTo(0, 0);
  }

  document.getElementById("root").innerHTML =
    "<header><nav><a href='" + BASE + "/'>Home</a> <a href='" + BASE + "/faq'>FAQ</a> " +
    "<a href='" + BASE + "/contact'>Contact</a> <button type='button' id='support'>Support</button></nav></header>" +
    "<main id='view'></main>" +
    "<footer><a href='" + BASE + "/privacy'>Privacy</a> · <a href='" + BASE + "/contatc'>Contact us</a>" +
    " · Fernhill Tea Rooms, 3 Mill Lane</footer>";

  // The support page has no link: the app goes there itself.
  document.getElementById("support").addEventListener("click", function () {
    navigate(BASE + "/support");
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    var href = link && link.getAttribute("href");
    if (!href || href.indexOf(BASE + "/") !== 0 || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(href);
  });
  window.addEventListener("popstate", draw);
  draw();
})();
