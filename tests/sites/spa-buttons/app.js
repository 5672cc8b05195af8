// An app whose navigation has no href at all: a <button> in the header, a
// <span role="link"> in the nav and a <div onclick> in the footer. Two of them go to a
// route with pushState, one sets location.hash. The footer's newsletter form posts the
// moment it is submitted; an audit must never submit it.
(function () {
  var BASE = "/spa-buttons";
  var at = "@";
  var host = ["larkspur-flowers", "com"].join(".");

  function email(user) {
    var address = user + at + host;
    return "<a href='mai" + "lto:" + address + "'>" + address + "</a>";
  }

  var routes = {
    "/": { title: "Larkspur Florist", body: "<h1>Larkspur Florist</h1><p>Bouquets delivered the same day.</p>" },
    "/contact": {
      title: "Contact · Larkspur Florist",
      body:
        "<h1>Contact us</h1><p>Orders: " + email("orders") + ", or call <a href='tel:" +
        ["+1", "212", "555", "0147"].join("") + "'>" + ["+1", "212", "555", "0147"].join(" ") + "</a>.</p>",
    },
    "/returns": {
      title: "Returns · Larkspur Florist",
      body: "<h1>Returns</h1><p>Wilted on arrival? Write to " + email("returns") + ".</p>",
    },
  };
  // Set through location.hash: the shop's visit page is a hash route on top of the history routes.
  var hashRoutes = {
    "/visit": {
      title: "Visit · Larkspur Florist",
      body: "<h1>Visit the shop</h1><p>Book a workshop: " + email("workshops") + ".</p>",
    },
  };
  var notFound = { title: "Not found · Larkspur Florist", body: "<h1>Page not found</h1>" };

  function draw() {
    var path = location.pathname.slice(BASE.length).replace(/\/+$/, "") || "/";
    var hash = location.hash.replace(/^#!?/, "");
    var view = hashRoutes[hash] || routes[path] || notFound;
    document.title = view.title;
    document.getElementById("view").innerHTML = view.body;
  }

  function navigate(path) {
    history.pushState({}, "", path);
    draw();
  }

  document.getElementById("root").innerHTML =
    "<header><strong>Larkspur Florist</strong> <button type='button' id='to-contact'>Contact</button>" +
    "<nav><span role='link' tabindex='0' id='to-visit'>Visit us</span></nav></header>" +
    "<main id='view'></main>" +
    "<footer><div class='nav-item' onclick='larkspur.go(\"/returns\")'>Returns</div>" +
    "<form id='newsletter' action='" + BASE + "/subscribe' method='post'>" +
    "<label>Newsletter <input type='email' name='email' placeholder='Your email'></label> " +
    "<button type='submit'>Subscribe</button></form></footer>";

  window.larkspur = {
    go: function (route) {
      navigate(BASE + route);
    },
  };
  document.getElementById("to-contact").addEventListener("click", function () {
    navigate(BASE + "/contact");
  });
  function visit(event) {
    if (event.type === "keydown" && event.key !== "Enter") return;
    location.hash = "#/visit";
  }
  document.getElementById("to-visit").addEventListener("click", visit);
  document.getElementById("to-visit").addEventListener("keydown", visit);
  document.getElementById("newsletter").addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(BASE + "/subscribe", { method: "POST", body: new FormData(event.target) });
    event.target.innerHTML = "Thank you for subscribing!";
  });
  window.addEventListener("hashchange", draw);
  window.addEventListener("popstate", draw);
  draw();
})();
