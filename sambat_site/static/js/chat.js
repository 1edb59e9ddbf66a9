/* Sambat Bunda web chat: plain JavaScript, no build step. Talks to /chat/api/ (JSON). */
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
  var started = false;
  var busy = false;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // WhatsApp-style *bold*, line breaks and links, after escaping everything else.
  function format(text) {
    return escapeHtml(text)
      .replace(/\*([^*\n]+)\*/g, "<strong>$1</strong>")
      .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1" target="_blank" rel="noopener">$1</a>')
      .replace(/\n/g, "<br>");
  }

  function add(author, text, buttons) {
    var item = document.createElement("li");
    item.className = "chat__message chat__message--" + author;
    item.innerHTML = format(text);
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

  function show(data) {
    if (data.error) {
      add("system", data.error);
      return;
    }
    (data.replies || []).forEach(function (reply) {
      add("bot", reply.text, reply.buttons);
    });
  }

  function request(url, options) {
    busy = true;
    return fetch(url, options)
      .then(function (response) {
        return response.json().catch(function () {
          return { error: "Maaf, terjadi gangguan. Silakan coba lagi." };
        });
      })
      .then(show)
      .catch(function () {
        add("system", "Tidak dapat terhubung. Periksa koneksi Anda lalu coba lagi.");
      })
      .finally(function () {
        busy = false;
      });
  }

  function send(body, shown) {
    if (busy) return;
    add("me", shown);
    request(root.dataset.messageUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    });
  }

  function open() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
    if (!started) {
      started = true;
      request(root.dataset.startUrl, { credentials: "same-origin" });
    }
  }

  toggle.addEventListener("click", function () {
    if (panel.hidden) open();
    else {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
    }
  });
  root.querySelector("[data-chat-close]").addEventListener("click", function () {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send({ text: text }, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  file.addEventListener("change", function () {
    if (!file.files.length || busy) return;
    var data = new FormData();
    data.append("file", file.files[0]);
    add("me", "Lampiran: " + file.files[0].name);
    file.value = "";
    request(root.dataset.uploadUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
      body: data,
    });
  });
  document.querySelectorAll("[data-open-chat]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open();
    });
  });
})();
