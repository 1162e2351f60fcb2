// The article page: hovering, focusing or selecting a marked passage shows what it is
// (speaker, cue, addressee; event category, actors, date, Goldstein score) in a tooltip,
// and highlights the matching entries in the side panel. The tooltip is filled by cloning
// the side panel's server-rendered (escaped) entries: no HTML is ever built from strings.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var tip = document.getElementById("tooltip");
  if (!text || !tip) {
    return;
  }
  var pinned = null;

  function entriesFor(mark) {
    var ids = (mark.getAttribute("data-ann") || "").split(" ");
    var found = [];
    for (var i = 0; i < ids.length; i++) {
      if (!/^[se][0-9]+$/.test(ids[i])) {
        continue;
      }
      var entry = document.getElementById("ann-" + ids[i]);
      if (entry) {
        found.push(entry);
      }
    }
    return found;
  }

  function clearActive() {
    var active = document.querySelectorAll(".ann.active, mark.hl.active");
    for (var i = 0; i < active.length; i++) {
      active[i].classList.remove("active");
    }
  }

  function sameFact(mark) {
    // Every piece of text belonging to the same statements or events.
    var ids = (mark.getAttribute("data-ann") || "").split(" ");
    var marks = text.querySelectorAll("mark.hl");
    var result = [];
    for (var i = 0; i < marks.length; i++) {
      var other = (marks[i].getAttribute("data-ann") || "").split(" ");
      for (var j = 0; j < ids.length; j++) {
        if (ids[j] && other.indexOf(ids[j]) >= 0) {
          result.push(marks[i]);
          break;
        }
      }
    }
    return result;
  }

  function show(mark) {
    var entries = entriesFor(mark);
    if (!entries.length) {
      return;
    }
    clearActive();
    tip.replaceChildren();
    for (var i = 0; i < entries.length; i++) {
      var body = entries[i].querySelector(".ann-body");
      if (body) {
        tip.appendChild(body.cloneNode(true));
      }
      entries[i].classList.add("active");
    }
    var pieces = sameFact(mark);
    for (var k = 0; k < pieces.length; k++) {
      pieces[k].classList.add("active");
    }
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hide() {
    if (pinned) {
      return;
    }
    tip.hidden = true;
    clearActive();
  }

  text.addEventListener("mouseover", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.hl") : null;
    if (mark && !pinned) {
      show(mark);
    }
  });
  text.addEventListener("mouseout", function (event) {
    var to = event.relatedTarget;
    if (!to || !to.closest || !to.closest("mark.hl")) {
      hide();
    }
  });
  text.addEventListener("focusin", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.hl") : null;
    if (mark) {
      show(mark);
    }
  });
  text.addEventListener("focusout", function () {
    hide();
  });
  text.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.hl") : null;
    if (!mark) {
      pinned = null;
      hide();
      return;
    }
    pinned = pinned === mark ? null : mark;
    show(mark);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      pinned = null;
      hide();
    }
  });

  // Selecting a passage in the side panel marks it in the text.
  var panel = document.querySelector(".panel");
  if (panel) {
    panel.addEventListener("mouseover", function (event) {
      var entry = event.target.closest ? event.target.closest(".ann") : null;
      if (!entry) {
        return;
      }
      clearActive();
      entry.classList.add("active");
      var id = entry.getAttribute("data-ann");
      var marks = text.querySelectorAll("mark.hl");
      for (var i = 0; i < marks.length; i++) {
        if ((marks[i].getAttribute("data-ann") || "").split(" ").indexOf(id) >= 0) {
          marks[i].classList.add("active");
        }
      }
    });
    panel.addEventListener("mouseleave", function () {
      if (!pinned) {
        clearActive();
      }
    });
  }
})();
