/* The platform page of a SCORM lesson (ADR 0028). The table of contents and previous/next are
 * links (the server decides what sequencing allows); this script hears the launch document on
 * the content origin by postMessage — only messages whose origin is exactly the content origin,
 * from the frame, about the part now playing — shows the status the content reports and follows
 * the content's own navigation requests (continue, previous, choice). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("scorm-player-data").textContent);
  var frame = document.getElementById("scorm-frame");
  var message = document.getElementById("scorm-message");

  function setStatus(identifier, status) {
    var label = document.querySelector('[data-status-for="' + CSS.escape(identifier) + '"]');
    if (!label || !status) {
      return;
    }
    var key = status.success === "passed" || status.success === "failed" ? status.success : status.completion;
    if (Object.prototype.hasOwnProperty.call(data.labels, key) && key !== "ended") {
      label.textContent = data.labels[key];
    }
  }

  function navigate(request, target) {
    var link = "";
    if (request === "continue") {
      link = data.next;
    } else if (request === "previous") {
      link = data.previous;
    } else if (request === "choice") {
      link = data.links[target] || "";
    }
    if (link) {
      window.location.assign(link);
    } else {
      message.textContent = data.labels.ended;
    }
  }

  // What an offline launch's outbox holds (ADR 0045): waiting, all sent, or refused (with the
  // server's reason: never dropped silently, until the officer dismisses it: the launch
  // document then removes those commits from the content origin's outbox).
  var queued = false;
  function dismiss(ids) {
    frame.contentWindow.postMessage(
      { source: "scorm-player", type: "dismiss", ids: ids },
      data.content_origin
    );
    message.textContent = "";
    delete message.dataset.outbox;
  }

  function showOutbox(said) {
    var refused = said.refused || [];
    if (refused.length) {
      message.textContent = data.labels.refused.replace(
        "{reason}",
        refused.map(function (r) {
          return r.message;
        }).join("; ")
      );
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = data.labels.dismiss;
      button.addEventListener("click", function () {
        dismiss(refused.map(function (r) {
          return r.id;
        }));
      });
      message.append(" ", button);
      message.dataset.outbox = "refused";
      return;
    }
    if (message.dataset.outbox === "refused") {
      // dismissed (here or in another tab): the refusal is no longer shown
      message.textContent = "";
      delete message.dataset.outbox;
    }
    if (said.waiting > 0) {
      queued = true;
      message.textContent = data.labels.queued;
      message.dataset.outbox = "waiting";
    } else if (queued) {
      message.textContent = data.labels.sent;
      message.dataset.outbox = "sent";
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== data.content_origin || event.source !== frame.contentWindow) {
      return;
    }
    var said = event.data;
    if (!said || said.source !== "scorm-runtime" || said.sco !== data.part) {
      return;
    }
    if (said.type === "status") {
      setStatus(said.sco, said.status);
    } else if (said.type === "outbox") {
      showOutbox(said);
    } else if (said.type === "navigate") {
      navigate(said.request, said.target);
    }
  });
})();
