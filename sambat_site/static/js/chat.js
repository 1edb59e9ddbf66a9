/* Sambat Bunda web chat: plain JavaScript, no build step. Talks to /chat/api/ (JSON).

   The server keeps the conversation: on every page the widget shows what /chat/api/history/
   returns (the menu only when the server says there is no chat), so moving to another page
   never starts over. Texts come translated from the template's data-text-* attributes. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat]");
  if (!root) return;
  var panel = root.querySelector("[data-chat-panel]");
  var toggle = root.querySelector("[data-chat-toggle]");
  var log = root.querySelector("[data-chat-log]");
  var form = root.querySelector("[data-chat-form]");
  var input = root.querySelector("[data-chat-input]");
  var file = root.querySelector("[data-chat-file]");
  var tools = root.querySelector("[data-chat-tools]");
  var locate = root.querySelector("[data-chat-locate]");
  var text = root.dataset;
  var OPEN_KEY = "sambat-chat-open";
  var loaded = false;
  var busy = false;
  var step = "idle";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function remember(open) {
    try {
      window.sessionStorage.setItem(OPEN_KEY, open ? "1" : "0");
    } catch (e) {
      /* storage refused (private mode): the panel just starts closed */
    }
  }

  function remembered() {
    try {
      return window.sessionStorage.getItem(OPEN_KEY) === "1";
    } catch (e) {
      return false;
    }
  }

  // WhatsApp-style *bold* and links inside one line, as DOM nodes: the text is never HTML.
  var INLINE = /\*([^*\n]+)\*|(https?:\/\/[^\s<>"']+)/g;

  function inline(parent, line) {
    var last = 0;
    var match;
    INLINE.lastIndex = 0;
    while ((match = INLINE.exec(line))) {
      var url = match[2];
      var trailing = "";
      if (url) {
        trailing = (url.match(/[.,;:!?)]+$/) || [""])[0];
        url = url.slice(0, url.length - trailing.length);
      }
      parent.appendChild(document.createTextNode(line.slice(last, match.index)));
      var node;
      if (url) {
        node = document.createElement("a");
        node.href = url;
        node.target = "_blank";
        node.rel = "noopener";
        node.textContent = url;
      } else {
        node = document.createElement("strong");
        node.textContent = match[1];
      }
      parent.appendChild(node);
      if (trailing) parent.appendChild(document.createTextNode(trailing));
      last = INLINE.lastIndex;
    }
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  var BULLET = /^\s*[•\-]\s+(.*)$/;
  var NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;

  // Lines become paragraphs (a blank line between them), "• x" and "1. x" become lists.
  function render(container, body) {
    var paragraph = null;
    var list = null;
    body.split("\n").forEach(function (line) {
      var bullet = BULLET.exec(line);
      var numbered = bullet ? null : NUMBERED.exec(line);
      if (bullet || numbered) {
        var tag = bullet ? "UL" : "OL";
        if (!list || list.tagName !== tag) {
          list = document.createElement(tag);
          if (numbered && numbered[1] !== "1") list.start = parseInt(numbered[1], 10);
          container.appendChild(list);
        }
        var item = document.createElement("li");
        inline(item, bullet ? bullet[1] : numbered[2]);
        list.appendChild(item);
        paragraph = null;
        return;
      }
      list = null;
      if (!line.trim()) {
        paragraph = null;
        return;
      }
      if (paragraph) {
        paragraph.appendChild(document.createElement("br"));
      } else {
        paragraph = document.createElement("p");
        container.appendChild(paragraph);
      }
      inline(paragraph, line);
    });
  }

  function clearChoices() {
    log.querySelectorAll(".chat__buttons").forEach(function (row) {
      row.remove();
    });
  }

  function add(author, body, buttons) {
    var item = document.createElement("li");
    item.className = "chat__message chat__message--" + author;
    if (author === "bot") render(item, body || "");
    else item.textContent = body || "";
    if (buttons && buttons.length) {
      var row = document.createElement("div");
      row.className = "chat__buttons";
      buttons.forEach(function (button) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "chat__choice";
        b.textContent = button.title;
        b.addEventListener("click", function () {
          send({ reply_id: button.id, text: button.title }, button.title);
        });
        row.appendChild(b);
      });
      item.appendChild(row);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  // What the server's state asks of the widget: at the location step, "Bagikan lokasi".
  function follow(serverStep) {
    if (typeof serverStep === "string") step = serverStep;
    tools.hidden = !(step === "ask_location" && "geolocation" in navigator);
  }

  function show(data) {
    if (data.error) {
      add("system", data.error);
      return;
    }
    (data.replies || []).forEach(function (reply) {
      add("bot", reply.text, reply.buttons);
    });
    follow(data.step);
  }

  function restore(data) {
    var messages = data.messages || [];
    var lastMine = -1;
    messages.forEach(function (message, index) {
      if (message.author === "me") lastMine = index;
    });
    log.textContent = "";
    messages.forEach(function (message, index) {
      // Only the latest replies keep their choices; older ones were answered already.
      var buttons = index > lastMine ? message.buttons : null;
      add(message.author === "me" ? "me" : "bot", message.text, buttons);
    });
    loaded = true;
    follow(data.step);
  }

  var sendButton = form.querySelector("[type=submit]");

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    locate.disabled = value;
    log.setAttribute("aria-busy", value ? "true" : "false");
  }

  function request(url, options, then) {
    setBusy(true);
    return fetch(url, options)
      .then(function (response) {
        return response.json().catch(function () {
          return { error: text.textError };
        });
      })
      .then(then)
      .catch(function () {
        add("system", text.textOffline);
      })
      .finally(function () {
        setBusy(false);
      });
  }

  function send(body, shown) {
    if (busy || !loaded) return false;
    clearChoices();
    add("me", shown);
    request(
      root.dataset.messageUrl,
      {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(body),
      },
      show
    );
    return true;
  }

  function open(focus) {
    panel.hidden = false;
    root.classList.remove("chat--inline-shown");
    toggle.setAttribute("aria-expanded", "true");
    remember(true);
    if (focus) input.focus();
    if (!loaded && !busy) {
      request(
        root.dataset.historyUrl,
        { credentials: "same-origin", headers: { Accept: "application/json" } },
        function (data) {
          if (data.error) add("system", data.error);
          else restore(data);
        }
      );
    }
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    remember(false);
  }

  toggle.addEventListener("click", function () {
    if (panel.hidden) open(true);
    else close();
  });
  // While the page's own "CHAT DI SINI" button is on screen, the floating one would only
  // repeat it and cover what lies under it (the search box on a phone): it steps aside.
  var pageButtons = document.querySelectorAll("a[data-open-chat]");
  if (pageButtons.length && "IntersectionObserver" in window) {
    var onScreen = new Set();
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) onScreen.add(entry.target);
        else onScreen.delete(entry.target);
      });
      root.classList.toggle("chat--inline-shown", onScreen.size > 0 && panel.hidden);
    });
    pageButtons.forEach(function (link) {
      watcher.observe(link);
    });
  }
  root.querySelector("[data-chat-close]").addEventListener("click", function () {
    close();
    toggle.focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var typed = input.value.trim();
    if (!typed) return;
    if (send({ text: typed }, typed)) input.value = "";
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  file.addEventListener("change", function () {
    if (!file.files.length || busy || !loaded) return;
    var data = new FormData();
    data.append("file", file.files[0]);
    clearChoices();
    add("me", text.textAttachment + ": " + file.files[0].name);
    file.value = "";
    request(
      root.dataset.uploadUrl,
      {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
        body: data,
      },
      show
    );
  });
  locate.addEventListener("click", function () {
    if (busy || !loaded || !("geolocation" in navigator)) return;
    var label = locate.textContent;
    locate.disabled = true;
    locate.textContent = text.textLocating;
    function done() {
      locate.disabled = false;
      locate.textContent = label;
    }
    navigator.geolocation.getCurrentPosition(
      function (position) {
        done();
        var latitude = position.coords.latitude.toFixed(6);
        var longitude = position.coords.longitude.toFixed(6);
        send(
          { latitude: Number(latitude), longitude: Number(longitude) },
          text.textLocated + ": " + latitude + ", " + longitude
        );
      },
      function (error) {
        done();
        add("system", error.code === error.PERMISSION_DENIED ? text.textGeoDenied : text.textGeoFailed);
        input.focus();
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
  document.querySelectorAll("[data-open-chat]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open(true);
    });
  });
  if (remembered()) open(false);
})();
