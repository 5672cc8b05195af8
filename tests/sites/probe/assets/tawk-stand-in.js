/*
 * A local stand-in for a Tawk.to widget, for the chat probe tests. It loads nothing from
 * any other host. Its bot answers at once; a person ("agent") answers a couple of seconds
 * after the visitor asks for one. Messages are marked with data-author, as vendors do.
 */
(function () {
  "use strict";
  var AGENT_DELAY_MS = 2000;

  function build() {
    var root = document.createElement("div");
    root.id = "tawk-chat";
    root.innerHTML =
      '<button class="tawk-launcher" aria-label="Chat with us" style="position:fixed;right:16px;bottom:16px">Chat</button>' +
      '<div class="tawk-panel" role="dialog" aria-label="Chat" hidden style="position:fixed;right:16px;bottom:64px;width:280px;background:#fff">' +
      '<div class="tawk-log"><p>Welcome to Probe Bikes!</p></div>' +
      '<textarea class="tawk-input" aria-label="Type here"></textarea></div>';
    document.body.appendChild(root);
    var panel = root.querySelector(".tawk-panel");
    var log = root.querySelector(".tawk-log");
    var input = root.querySelector(".tawk-input");
    var botAnswered = false;
    var agentCalled = false;

    function say(author, text) {
      var line = document.createElement("div");
      line.setAttribute("data-author", author);
      line.textContent = text;
      log.appendChild(line);
    }
    function open() {
      panel.hidden = false;
    }
    root.querySelector(".tawk-launcher").addEventListener("click", open);
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") {
        return;
      }
      event.preventDefault();
      var text = input.value.trim();
      input.value = "";
      if (!text) {
        return;
      }
      say("visitor", text);
      if (/person|human|agent/i.test(text) && !agentCalled) {
        agentCalled = true;
        setTimeout(function () { say("agent", "Hi, this is Alex from Probe Bikes. How can I help?"); }, AGENT_DELAY_MS);
      } else if (!botAnswered) {
        botAnswered = true;
        setTimeout(function () { say("bot", "I am the Probe Bikes bot. Ask me, or write 'person' for our team."); }, 100);
      }
    });
    window.Tawk_API.maximize = open;
  }

  if (document.body) {
    build();
  } else {
    document.addEventListener("DOMContentLoaded", build);
  }
})();
