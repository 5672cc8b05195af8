/*
 * Local stand-in for a third-party live chat embed (Crisp-like markup).
 * Served from this demo site only: it loads nothing from any other host.
 * The launcher is injected 300 ms after this script runs, so it is absent
 * from the raw HTML and only visible to clients that execute JavaScript.
 */
(function () {
  "use strict";

  function inject() {
    if (document.getElementById("crisp-chatbox")) {
      return;
    }

    var style = document.createElement("style");
    style.textContent =
      ".crisp-client .cc-launcher{position:fixed;bottom:20px;right:20px;width:60px;height:60px;" +
      "border-radius:50%;background:#0f766e;display:flex;align-items:center;justify-content:center;" +
      "box-shadow:0 6px 18px rgba(0,0,0,.25);cursor:pointer;z-index:2147483000;}" +
      ".crisp-client .cc-launcher:hover,.crisp-client .cc-launcher:focus{background:#0b5a54;outline:none;}" +
      ".crisp-client .cc-launcher svg{width:30px;height:30px;}" +
      ".crisp-client .cc-panel{position:fixed;bottom:92px;right:20px;width:280px;max-width:calc(100vw - 40px);" +
      "background:#fff;color:#1d2433;border-radius:14px;box-shadow:0 10px 30px rgba(0,0,0,.2);" +
      "font:15px/1.5 system-ui,sans-serif;overflow:hidden;z-index:2147483000;}" +
      ".crisp-client .cc-panel[hidden]{display:none;}" +
      ".crisp-client .cc-panel-head{background:#0f766e;color:#fff;padding:10px 14px;font-weight:700;}" +
      ".crisp-client .cc-panel-body{padding:14px;}" +
      ".crisp-client .cc-log p{margin:0 0 8px;}" +
      ".crisp-client .cc-input{width:100%;box-sizing:border-box;font:inherit;}";
    document.head.appendChild(style);

    var box = document.createElement("div");
    box.className = "crisp-client";
    box.id = "crisp-chatbox";

    var panel = document.createElement("div");
    panel.className = "cc-panel";
    panel.id = "cc-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "Chat");
    panel.innerHTML =
      '<div class="cc-panel-head">Nimbus Bikes</div>' +
      '<div class="cc-panel-body"><div class="cc-log" aria-live="polite"><p>Hi! How can we help?</p></div>' +
      '<textarea class="cc-input" rows="2" aria-label="Write a message"></textarea></div>';

    var launcher = document.createElement("a");
    launcher.className = "cc-launcher";
    launcher.setAttribute("role", "button");
    launcher.setAttribute("aria-label", "Open chat");
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "cc-panel");
    launcher.setAttribute("tabindex", "0");
    launcher.innerHTML =
      '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
      '<path fill="#fff" d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/>' +
      '<circle cx="8" cy="10" r="1.3" fill="#0f766e"/>' +
      '<circle cx="12" cy="10" r="1.3" fill="#0f766e"/>' +
      '<circle cx="16" cy="10" r="1.3" fill="#0f766e"/>' +
      "</svg>";

    function toggle(event) {
      if (event) {
        event.preventDefault();
      }
      var open = panel.hidden;
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", open ? "true" : "false");
    }

    launcher.addEventListener("click", toggle);
    launcher.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        toggle(event);
      }
    });

    box.appendChild(panel);
    box.appendChild(launcher);
    document.body.appendChild(box);
    converse(panel, launcher);
  }

  // A bot answers at once; a person takes over a few seconds after the visitor asks for one,
  // so the demo's chat probe has something true to measure. Authors are marked as vendors do.
  function converse(panel, launcher) {
    var log = panel.querySelector(".cc-log");
    var input = panel.querySelector(".cc-input");
    var botAnswered = false;
    var handedOver = false;
    function say(author, text) {
      var line = document.createElement("p");
      line.className = "cc-message cc-" + author;
      line.setAttribute("data-author", author);
      line.textContent = text;
      log.appendChild(line);
    }
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.shiftKey) {
        return;
      }
      event.preventDefault();
      var text = input.value.trim();
      input.value = "";
      if (!text) {
        return;
      }
      say("visitor", text);
      if (/person|human|agent|someone/i.test(text) && !handedOver) {
        handedOver = true;
        window.setTimeout(function () {
          say("agent", "Hi, I'm Priya from Nimbus Bikes. Happy to help!");
        }, 3000);
      } else if (!botAnswered) {
        botAnswered = true;
        window.setTimeout(function () {
          say("bot", "I'm the Nimbus assistant. Ask me anything, or write 'person' to reach our team.");
        }, 300);
      }
    });
    window.$crisp = {
      push: function (command) {
        if (command && command[0] === "do" && command[1] === "chat:open") {
          panel.hidden = false;
          launcher.setAttribute("aria-expanded", "true");
        }
      },
    };
  }

  window.setTimeout(function () {
    if (document.body) {
      inject();
    } else {
      document.addEventListener("DOMContentLoaded", inject);
    }
  }, 300);
})();
